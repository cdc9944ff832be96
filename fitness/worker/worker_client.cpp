#include "fitness/worker/worker_client.hpp"

#include "fitness/worker/line_io.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <thread>

#include "fitness/worker/subprocess.hpp"

namespace kevo::fitness::worker {

namespace {

using Clock = std::chrono::steady_clock;

constexpr double kStartTimeoutSeconds = 30;
// After EOF the worker is on its way out; give it this long to finish dying
// before it is killed (it may have closed the socket and kept running).
constexpr auto kExitGrace = std::chrono::seconds(1);

std::string format_seconds(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", seconds);
  return text;
}

Clock::time_point deadline_after(double seconds) {
  return Clock::now() + std::chrono::duration_cast<Clock::duration>(
                            std::chrono::duration<double>(std::max(0.0, seconds)));
}

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() <= 0 ? 0 : static_cast<int>(std::min<long long>(left.count(), 1 << 30));
}

// Waits up to the grace period for `pid` to exit by itself, then kills it.
int reap_after_eof(pid_t pid) {
  const auto deadline = Clock::now() + kExitGrace;
  int status = 0;
  while (Clock::now() < deadline) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      ::kill(-pid, SIGKILL);  // stray grandchildren in its group
      return status;
    }
    if (done < 0 && errno != EINTR) return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return kill_and_reap(pid);
}

WorkerOutcome failed(WorkerOutcome::Kind kind, std::string message) {
  WorkerOutcome outcome;
  outcome.kind = kind;
  outcome.message = std::move(message);
  return outcome;
}

WorkerOutcome outcome_from(const RunReply& reply) {
  WorkerOutcome outcome;
  if (reply.ok) {
    outcome.session = reply.session;
    outcome.resources = reply.resources;
    outcome.counters = reply.counters;
    outcome.device_json = reply.device_json;
    return outcome;
  }
  outcome.kind = reply.status == "rejected"      ? WorkerOutcome::Kind::rejected
                 : reply.status == "unsupported" ? WorkerOutcome::Kind::unsupported
                                                 : WorkerOutcome::Kind::crash;
  outcome.message = reply.error;
  return outcome;
}

}  // namespace

WorkerClient::WorkerClient(std::filesystem::path executable, Log log,
                           std::vector<std::string> arguments)
    : executable_(std::move(executable)), arguments_(std::move(arguments)), log_(std::move(log)) {}

WorkerClient::~WorkerClient() { stop(); }

void WorkerClient::start() {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    throw std::runtime_error("socketpair for kevo-worker failed");
  }
  try {
    SpawnSetup setup;
    setup.redirect(fds[1], 0);
    setup.redirect(fds[1], 1);
    std::vector<std::string> argv{executable_.string()};
    argv.insert(argv.end(), arguments_.begin(), arguments_.end());
    pid_ = setup.spawn(argv, false);
  } catch (const std::exception& error) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::runtime_error("cannot start kevo-worker " + executable_.string() + ": " + error.what());
  }
  ::close(fds[1]);
  socket_ = fds[0];
  pending_.clear();
  ++starts_;
  const WorkerOutcome hello = exchange(ping_line(), kStartTimeoutSeconds);
  if (!hello.ok()) {
    throw std::runtime_error("kevo-worker " + executable_.string() + " did not start: " + hello.message);
  }
  if (starts_ > 1 && log_) log_("kevo-worker restarted (pid " + std::to_string(pid_) + ")");
}

void WorkerClient::stop() {
  if (socket_ >= 0) ::close(socket_);
  socket_ = -1;
  if (pid_ > 0) kill_and_reap(pid_);
  pid_ = -1;
}

WorkerOutcome WorkerClient::run(const RunRequest& request, double timeout_seconds) {
  if (pid_ < 0) start();
  return exchange(encode_request(request), timeout_seconds);
}

std::string WorkerClient::describe_device(double timeout_seconds) {
  if (pid_ < 0) start();
  const WorkerOutcome outcome = exchange(device_query_line(), timeout_seconds);
  if (!outcome.ok()) throw std::runtime_error(outcome.message);
  return outcome.device_json;
}

WorkerOutcome WorkerClient::exchange(const std::string& line, double timeout_seconds) {
  if (!write_all(socket_, line)) return died("while receiving a request");
  std::string reply_line;
  switch (read_line(reply_line, timeout_seconds)) {
    case ReadResult::eof:
      return died("");
    case ReadResult::timeout: {
      stop();
      return failed(WorkerOutcome::Kind::timeout,
                    "no reply within " + format_seconds(timeout_seconds) + " s (worker killed)");
    }
    case ReadResult::line:
      break;
  }
  try {
    const RunReply reply = decode_reply(reply_line);
    if (reply.fatal) died("");
    return outcome_from(reply);
  } catch (const std::exception& error) {
    stop();
    return failed(WorkerOutcome::Kind::crash, error.what());
  }
}

WorkerOutcome WorkerClient::died(const std::string& context) {
  if (socket_ >= 0) ::close(socket_);
  socket_ = -1;
  const int status = pid_ > 0 ? reap_after_eof(pid_) : 0;
  pid_ = -1;
  std::string message = "worker " + describe_wait_status(status);
  if (!context.empty()) message += " " + context;
  return failed(WorkerOutcome::Kind::crash, message);
}

WorkerClient::ReadResult WorkerClient::read_line(std::string& line, double timeout_seconds) {
  const auto deadline = deadline_after(timeout_seconds);
  for (;;) {
    if (const auto newline = pending_.find('\n'); newline != std::string::npos) {
      line = pending_.substr(0, newline);
      pending_.erase(0, newline + 1);
      return ReadResult::line;
    }
    pollfd watch{socket_, POLLIN, 0};
    const int ready = ::poll(&watch, 1, remaining_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) return ReadResult::timeout;
    char chunk[65536];
    const ssize_t got = ::recv(socket_, chunk, sizeof chunk, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return ReadResult::eof;
    pending_.append(chunk, static_cast<std::size_t>(got));
  }
}

}  // namespace kevo::fitness::worker
