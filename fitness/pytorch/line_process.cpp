#include "fitness/pytorch/line_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <sstream>
#include <system_error>

#include "fitness/worker/subprocess.hpp"

namespace kevo::fitness::pytorch {

namespace {

using Clock = std::chrono::steady_clock;

// send() with MSG_NOSIGNAL: a helper that died yields EPIPE, not a SIGPIPE
// that would kill the engine.
void write_all(int fd, const std::string& text) {
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t put = ::send(fd, text.data() + written, text.size() - written, MSG_NOSIGNAL);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) throw std::runtime_error("the process closed its input");
    written += static_cast<std::size_t>(put);
  }
}

}  // namespace

LineProcess::LineProcess(const std::vector<std::string>& argv, const std::filesystem::path& stderr_log)
    : stderr_log_(stderr_log) {
  int ends[2];  // [0]: ours; [1]: the child's stdin and stdout
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0) {
    throw std::system_error(errno, std::generic_category(), "a socket pair for " + argv.front());
  }
  const int log = ::open(stderr_log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  worker::SpawnSetup setup;
  setup.redirect(ends[1], 0);
  setup.redirect(ends[1], 1);
  if (log >= 0) setup.redirect(log, 2);
  try {
    pid_ = setup.spawn(argv, /*search_path=*/true);
  } catch (...) {
    for (int fd : {ends[0], ends[1], log}) if (fd >= 0) ::close(fd);
    throw;
  }
  for (int fd : {ends[1], log}) if (fd >= 0) ::close(fd);
  to_child_ = ends[0];
  from_child_ = ends[0];
}

LineProcess::~LineProcess() { stop(); }

void LineProcess::stop() {
  if (to_child_ >= 0) ::close(to_child_);  // from_child_ is the same socket
  to_child_ = from_child_ = -1;
  if (pid_ > 0) worker::kill_and_reap(pid_);
  pid_ = -1;
}

std::string LineProcess::log_tail() const {
  std::ifstream in(stderr_log_);
  std::stringstream text;
  text << in.rdbuf();
  std::string all = text.str();
  constexpr std::size_t kTail = 1500;
  return all.size() > kTail ? "..." + all.substr(all.size() - kTail) : all;
}

std::string LineProcess::ask(const std::string& line, double timeout_seconds) {
  if (pid_ <= 0) throw std::runtime_error("the process is not running");
  const auto deadline = Clock::now() + std::chrono::duration<double>(timeout_seconds);
  try {
    write_all(to_child_, line + "\n");
    for (;;) {
      if (const auto newline = pending_.find('\n'); newline != std::string::npos) {
        std::string reply = pending_.substr(0, newline);
        pending_.erase(0, newline + 1);
        return reply;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) throw std::runtime_error("no reply within " + std::to_string(timeout_seconds) + " s");
      pollfd fd{from_child_, POLLIN, 0};
      const int ready = ::poll(&fd, 1, static_cast<int>(left));
      if (ready < 0 && errno == EINTR) continue;
      if (ready == 0) continue;
      char chunk[65536];
      const ssize_t got = ::read(from_child_, chunk, sizeof chunk);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) throw std::runtime_error("the process exited");
      pending_.append(chunk, static_cast<std::size_t>(got));
    }
  } catch (const std::runtime_error& error) {
    stop();
    const std::string tail = log_tail();
    throw std::runtime_error(std::string(error.what()) + (tail.empty() ? "" : "; its stderr ends:\n" + tail));
  }
}

}  // namespace kevo::fitness::pytorch
