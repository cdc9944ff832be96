#include "fitness/cpu/kernel_host.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "fitness/cpu/cache_flusher.hpp"
#include "fitness/cpu/entry_calls.hpp"
#include "fitness/cpu/syscall_filter.hpp"
#include "fitness/worker/worker_messages.hpp"
#include "fitness/worker/line_io.hpp"
#include "fitness/worker/shared_mapping.hpp"
#include "fitness/worker/worker_sandbox.hpp"

namespace kevo::fitness::cpu {

namespace {

// What the signal handlers need: a signal handler takes no context, and this
// process exists for one request, so these live for its whole life.
int g_control_fd = -1;
const unsigned char* g_shared_base = nullptr;
std::size_t g_shared_size = 0;

// Plain write(2) only: async-signal-safe for the handlers, and allowed by the filter (send(2) is not).
void write_raw(int fd, const char* text, std::size_t length) {
  while (length > 0) {
    const ssize_t put = ::write(fd, text, length);
    if (put <= 0) return;
    text += put;
    length -= static_cast<std::size_t>(put);
  }
}

// Async-signal-safe decimal formatting (snprintf is not safe in a handler).
char* format_long(char* out, long long value) {
  char digits[24];
  int n = 0;
  const bool negative = value < 0;
  unsigned long long magnitude = negative ? 0ULL - static_cast<unsigned long long>(value) : static_cast<unsigned long long>(value);
  do {
    digits[n++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude > 0);
  if (negative) *out++ = '-';
  while (n > 0) *out++ = digits[--n];
  return out;
}

void on_fault(int signal_number, siginfo_t* info, void*) {
  char line[96] = "fault ";
  char* end = format_long(line + 6, signal_number);
  *end++ = ' ';
  const auto* address = static_cast<const unsigned char*>(info->si_addr);
  const bool inside = address >= g_shared_base && address < g_shared_base + g_shared_size;
  end = format_long(end, inside ? static_cast<long long>(address - g_shared_base) : -1);
  *end++ = '\n';
  write_raw(g_control_fd, line, static_cast<std::size_t>(end - line));
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);  // die of it, so the parent's wait status names it
}

void on_forbidden_call(int, siginfo_t* info, void*) {
  char line[64] = "forbidden ";
  char* end = format_long(line + 10, info->si_syscall);
  *end++ = '\n';
  write_raw(g_control_fd, line, static_cast<std::size_t>(end - line));
  ::_exit(126);
}

void install_handlers() {
  static char alternate_stack[64 * 1024];  // a kernel that overflows its stack still gets reported
  stack_t stack{};
  stack.ss_sp = alternate_stack;
  stack.ss_size = sizeof alternate_stack;
  ::sigaltstack(&stack, nullptr);
  struct sigaction action {};
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  action.sa_sigaction = on_fault;
  ::sigaction(SIGSEGV, &action, nullptr);
  ::sigaction(SIGBUS, &action, nullptr);
  action.sa_sigaction = on_forbidden_call;
  ::sigaction(SIGSYS, &action, nullptr);
}

std::size_t page_floor(std::size_t value) { return value / 4096 * 4096; }
std::size_t page_ceil(std::size_t value) { return (value + 4095) / 4096 * 4096; }

bool is_read_only(const worker::RunRequest& request, std::size_t buffer) {
  for (std::size_t index : request.read_only) {
    if (index == buffer) return true;
  }
  return false;
}

// Everything read-only from a read-only descriptor, then the writable
// buffers' pages mapped over it from a read-write one; both descriptors are
// closed, so no input page can be made writable again (mprotect refuses a
// mapping whose file was opened read-only).
unsigned char* map_shared(const worker::RunRequest& request) {
  const int read_only = ::open(request.shm_path.c_str(), O_RDONLY | O_CLOEXEC);
  const int read_write = ::open(request.shm_path.c_str(), O_RDWR | O_CLOEXEC);
  if (read_only < 0 || read_write < 0) throw std::runtime_error("open " + request.shm_path + ": " + std::strerror(errno));
  // MAP_POPULATE: one call maps every page, instead of a fault per page at the first run.
  void* base = ::mmap(nullptr, request.shm_size, PROT_READ, MAP_SHARED | MAP_POPULATE, read_only, 0);
  if (base == MAP_FAILED) throw std::runtime_error("mmap " + request.shm_path + ": " + std::strerror(errno));
  auto* bytes = static_cast<unsigned char*>(base);
  for (std::size_t b = 0; b < request.buffers.size(); ++b) {
    const protocol::BufferSlot& slot = worker::checked_slot(request, b);
    if (slot.bytes == 0 || is_read_only(request, b)) continue;
    const std::size_t first = page_floor(slot.offset);
    const std::size_t length = page_ceil(slot.offset + slot.bytes) - first;
    if (::mmap(bytes + first, length, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED | MAP_POPULATE, read_write,
               static_cast<off_t>(first)) == MAP_FAILED) {
      throw std::runtime_error("mmap buffer " + std::to_string(b) + ": " + std::strerror(errno));
    }
  }
  ::close(read_only);
  ::close(read_write);
  return bytes;
}

void drop_capabilities() {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct none[2]{};
  ::syscall(SYS_capset, &header, none);  // as root this gives up reading other processes' memory
}

void reply(const std::string& line) {
  const std::string text = line + "\n";
  write_raw(g_control_fd, text.data(), text.size());
}

std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

// Times one run of every call; a kernel's exception becomes a "threw" line.
// Replies carry the command's number, so a line the kernel writes to the
// channel itself shows up as one out of order.
void run_once(std::vector<EntryCall>& calls, const std::string& number) {
  try {
    const auto start = std::chrono::steady_clock::now();
    run_entry_calls(calls);
    const auto stop = std::chrono::steady_clock::now();
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.9e", std::chrono::duration<double>(stop - start).count());
    reply("ok " + number + " " + seconds);
  } catch (const std::exception& error) {
    reply("threw " + number + " " + one_line(error.what()));
  } catch (...) {
    reply("threw " + number + " an exception that is not a std::exception");
  }
}

// Loads the kernel between the two stages of the filter (its static
// constructors run inside the first); `refusal` says why the sandbox cannot
// be trusted afterwards, and is empty when it can.
void* load_sandboxed(const worker::RunRequest& request, std::string& refusal) {
  // An absolute path: a relative one would have the loader ask for the working directory.
  const std::string module = std::filesystem::absolute(request.shared_object).string();
  const FilterCount filters;
  install_syscall_filter(FilterStage::loading);
  const int loading_filters = filters.now();
  // RTLD_LOCAL: every variant defines the same entry names.
  void* library = ::dlopen(module.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    const char* why = ::dlerror();
    throw std::runtime_error("dlopen " + request.shared_object + ": " + (why != nullptr ? why : "unknown error"));
  }
  if (filters.now() != loading_filters) {
    refusal = "the kernel installed system-call filters of its own while it was loaded";
    return library;
  }
  install_syscall_filter(FilterStage::running);
  if (filters.now() != loading_filters + 1) refusal = "the sandbox's second stage is not in force";
  return library;
}

}  // namespace

int serve_kernel_host() {
  const worker::WorkerChannel channel = worker::claim_protocol_channel();
  g_control_fd = channel.out_fd;
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() == 1) return 1;  // the worker died before we started
  std::string pending;
  std::string line;
  if (!worker::read_line(channel.in_fd, pending, line)) return 1;
  try {
    worker::RunRequest request;
    worker::decode_request(line, request);
    unsigned char* base = map_shared(request);
    g_shared_base = base;
    g_shared_size = request.shm_size;
    install_handlers();
    drop_capabilities();
    CacheFlusher flusher;
    std::string refusal;
    void* library = load_sandboxed(request, refusal);
    if (!refusal.empty()) {
      reply("refused " + refusal);
      return 0;
    }
    std::vector<EntryCall> calls = prepare_entry_calls(request, library, base);
    reply("ready");
    while (worker::read_line(channel.in_fd, pending, line)) {
      if (line == "exit") return 0;
      char number[24] = {};
      unsigned long long bytes = 0;
      if (std::sscanf(line.c_str(), "run %23s", number) == 1) {
        run_once(calls, number);
      } else if (std::sscanf(line.c_str(), "sync %23s", number) == 1) {
        reply(std::string("synced ") + number);
      } else if (std::sscanf(line.c_str(), "flush %23s %llu", number, &bytes) == 2) {
        flusher.flush(static_cast<std::size_t>(bytes));
        reply(std::string("flushed ") + number);
      } else {
        reply("threw unknown command '" + one_line(line) + "'");
      }
    }
  } catch (const std::exception& error) {
    reply("error " + one_line(error.what()));
  }
  return 0;
}

}  // namespace kevo::fitness::cpu
