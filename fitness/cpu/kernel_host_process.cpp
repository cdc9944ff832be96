#include "fitness/cpu/kernel_host_process.hpp"

#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "fitness/cpu/syscall_filter.hpp"
#include "fitness/session/session_driver.hpp"
#include "fitness/worker/line_io.hpp"
#include "fitness/worker/subprocess.hpp"

namespace kevo::fitness::cpu {

namespace {

// The host is this same program, whatever its path.
std::string own_executable() {
  char path[4096];
  const ssize_t length = ::readlink("/proc/self/exe", path, sizeof path - 1);
  if (length <= 0) throw std::runtime_error(std::string("readlink /proc/self/exe: ") + std::strerror(errno));
  path[length] = '\0';
  return path;
}

bool send_line(int socket, const std::string& text) { return worker::write_all(socket, text + "\n"); }

bool starts_with(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

}  // namespace

KernelHostProcess::KernelHostProcess(const worker::RunRequest& request) : request_(request) {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    throw std::runtime_error(std::string("socketpair for the kernel host: ") + std::strerror(errno));
  }
  try {
    worker::SpawnSetup setup;
    setup.redirect(fds[1], 0);
    setup.redirect(fds[1], 1);
    // No stderr: where it is a file, one host could write into it and the next reopen it.
    setup.open_dev_null(2);
    pid_ = setup.spawn({own_executable(), "--kernel-host"}, false);
  } catch (...) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw;
  }
  ::close(fds[1]);
  socket_ = fds[0];
  worker::RunRequest setup = request;
  setup.mode = worker::RunMode::check;
  setup.session.reset();
  std::string line = worker::encode_request(setup);
  line.pop_back();  // send_line adds the newline
  if (!send_line(socket_, line)) fail("while loading the kernel");
  const std::string answer = read_reply();
  if (answer == "ready") return;
  if (starts_with(answer, "error ") || starts_with(answer, "refused ")) {
    const bool refused = starts_with(answer, "refused ");
    const std::string why = answer.substr(answer.find(' ') + 1);
    ::close(socket_);
    socket_ = -1;
    worker::kill_and_reap(pid_);
    pid_ = -1;
    if (refused) throw KernelHostFailure("rejected", why);
    throw KernelHostFailure("crash", "the kernel host could not load the kernel: " + why);
  }
  pending_ = answer + "\n" + pending_;  // its last words, for fail() to read
  fail("while loading the kernel");
}

KernelHostProcess::~KernelHostProcess() {
  if (socket_ >= 0) {
    send_line(socket_, "exit");
    ::close(socket_);
  }
  if (pid_ > 0) worker::kill_and_reap(pid_);
}

double KernelHostProcess::run(std::size_t flush_bytes) {
  // The flush and the run go in one write: a host that slept in read()
  // between them would start the timed run on an idle core, measurably
  // slower (about 10% for triad on a 2-core VM).
  std::string commands;
  std::string flush_tag;
  if (flush_bytes > 0) {
    flush_tag = next_tag();
    commands = "flush " + flush_tag + " " + std::to_string(flush_bytes) + "\n";
  }
  const std::string tag = next_tag();
  if (!send_line(socket_, commands + "run " + tag)) fail("");
  if (!flush_tag.empty()) expect_reply("flushed " + flush_tag);
  const std::string answer = expect_reply("ok " + tag + " ");
  return std::strtod(answer.c_str() + 4 + tag.size(), nullptr);
}

void KernelHostProcess::finish() {
  if (socket_ < 0) return;
  // The last reply must be the host's own: a line a kernel injected would
  // leave the host's real reply still waiting here.
  const std::string tag = next_tag();
  if (!send_line(socket_, "sync " + tag)) fail("");
  expect_reply("synced " + tag);
}

// A tag no kernel can predict: commands and their replies carry it.
std::string KernelHostProcess::next_tag() {
  char text[24];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(session::fresh_entropy()));
  return text;
}

// The reply that must come next, beginning with `expected`. A kernel's
// exception, its death, or a line it wrote to the channel itself ends the host.
std::string KernelHostProcess::expect_reply(const std::string& expected) {
  const std::string answer = read_reply();
  if (starts_with(answer, expected.c_str())) return answer;
  const std::string number = expected.substr(expected.find(' ') + 1);
  const std::string threw = "threw " + (number.back() == ' ' ? number : number + " ");
  if (starts_with(answer, threw.c_str())) {
    worker::kill_and_reap(pid_);
    pid_ = -1;
    throw KernelHostFailure("crash", "kernel threw an exception: " + answer.substr(threw.size()));
  }
  if (starts_with(answer, "ok ") || starts_with(answer, "flushed ") || starts_with(answer, "threw ")) {
    worker::kill_and_reap(pid_);
    pid_ = -1;
    throw KernelHostFailure("rejected", "the kernel host's replies are out of order (\"" + answer.substr(0, 40) +
                                            "\" where \"" + expected + "...\" was due): the kernel wrote to kevo's "
                                            "control channel");
  }
  pending_ = answer + "\n" + pending_;
  fail("");
}

std::string KernelHostProcess::read_reply() {
  std::string line;
  return worker::read_line(socket_, pending_, line) ? line : "";
}

// The host is gone or misbehaving: read its last words, reap it, and say why.
void KernelHostProcess::fail(const std::string& context) {
  // The host sees end-of-file and exits, so the drain below always ends.
  ::shutdown(socket_, SHUT_WR);
  std::string last = read_reply();
  while (!last.empty() && !starts_with(last, "fault ") && !starts_with(last, "forbidden ")) last = read_reply();
  ::close(socket_);
  socket_ = -1;
  const int status = worker::reap_within(pid_, 2.0);
  pid_ = -1;
  const std::string suffix = context.empty() ? "" : " " + context;
  if (starts_with(last, "forbidden ")) {
    const long number = std::strtol(last.c_str() + 10, nullptr, 10);
    throw KernelHostFailure("rejected", "kernel made a forbidden system call: " + syscall_name(number) +
                                            " (a kernel may not open files, create shared memory, processes or "
                                            "threads, or reach other processes)" + suffix);
  }
  if (starts_with(last, "fault ")) {
    int signal_number = 0;
    long long offset = -1;
    std::sscanf(last.c_str(), "fault %d %lld", &signal_number, &offset);
    const std::string fault = describe_fault(signal_number, offset);
    if (!fault.empty() && fault.rfind("kernel wrote its input", 0) == 0) throw KernelHostFailure("rejected", fault + suffix);
    throw KernelHostFailure("crash", "kernel " + worker::describe_wait_status(status) +
                                         (fault.empty() ? "" : " (" + fault + ")") + suffix);
  }
  if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS) {
    // The filter's trap found the signal blocked (as while a thread is being started): no report.
    throw KernelHostFailure("rejected", "kernel made a forbidden system call with signals blocked, as when "
                                        "starting a thread (a kernel may not open files, create shared memory, "
                                        "processes or threads, or reach other processes)" + suffix);
  }
  throw KernelHostFailure("crash", "kernel " + worker::describe_wait_status(status) + suffix);
}

std::string KernelHostProcess::describe_fault(int signal_number, long long offset) const {
  if (signal_number != SIGSEGV || offset < 0) return "";
  const auto at = static_cast<std::size_t>(offset);
  auto name = [&](std::size_t b) {
    return b < request_.buffer_names.size() ? request_.buffer_names[b] : "buffer " + std::to_string(b);
  };
  for (std::size_t b = 0; b < request_.buffers.size(); ++b) {
    const protocol::BufferSlot& slot = request_.buffers[b];
    if (at >= slot.offset && at < slot.offset + slot.bytes) {
      return "kernel wrote its input " + name(b) + " (byte " + std::to_string(at - slot.offset) + " of " +
             std::to_string(slot.bytes) + "; inputs are read-only)";
    }
    if (at >= slot.offset + slot.bytes && (b + 1 == request_.buffers.size() || at < request_.buffers[b + 1].offset)) {
      return "a write outside its buffers, byte " + std::to_string(at - slot.offset) + " of " + name(b) +
             ", which has " + std::to_string(slot.bytes) + " bytes";
    }
  }
  return "a write outside its buffers, before the start of " + name(0);
}

}  // namespace kevo::fitness::cpu
