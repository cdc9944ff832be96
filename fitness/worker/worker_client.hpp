#pragma once
// The engine's handle on one kevo-worker process: starts it, sends requests,
// and is the watchdog. Whatever a kernel does to the worker (segfault, hang,
// exit, stray threads) ends as an outcome here, never as a signal or a hang in
// the engine:
// - a reply that does not come within the timeout: SIGKILL to the worker's
//   process group, reap, outcome `timeout`, and a fresh worker next time;
// - EOF on the socket: reap, outcome `crash` with how the worker died;
// - no zombies: every child is reaped, the destructor kills a live worker.
//
// The channel is a socketpair rather than pipes so that writes can use
// MSG_NOSIGNAL: a worker that died mid-request yields EPIPE, not a SIGPIPE
// that would kill the engine, and the engine's signal dispositions are never
// touched.
#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "fitness/worker/worker_messages.hpp"

namespace kevo::fitness::worker {

struct WorkerOutcome {
  enum class Kind { ok, rejected, crash, timeout, unsupported };
  Kind kind = Kind::ok;
  std::string message;          // why, when not ok
  std::optional<session::SessionOutcome> session;  // session mode
  std::optional<population::KernelResources> resources;  // GPU workers
  std::optional<population::CounterProfile> counters;    // profile mode
  std::string device_json;      // reply to describe_device()
  bool ok() const { return kind == Kind::ok; }
};

class WorkerClient {
 public:
  using Log = std::function<void(const std::string&)>;
  // `arguments` select the back end (none: CPU; "--cuda", "<ordinal>": a GPU).
  WorkerClient(std::filesystem::path executable, Log log, std::vector<std::string> arguments = {});
  ~WorkerClient();
  WorkerClient(const WorkerClient&) = delete;
  WorkerClient& operator=(const WorkerClient&) = delete;

  // Starts a worker if none runs (throws std::runtime_error if it cannot),
  // sends `request` and waits at most `timeout_seconds` for the reply.
  WorkerOutcome run(const RunRequest& request, double timeout_seconds);

  // Asks the worker which device it runs on (a JSON object); throws
  // std::runtime_error naming the device when the worker cannot open it.
  std::string describe_device(double timeout_seconds);

  // Kills the worker (if any); the next run() starts a fresh one.
  void stop();
  pid_t pid() const { return pid_; }  // -1 when none runs
  int restarts() const { return starts_ > 0 ? starts_ - 1 : 0; }

 private:
  void start();
  WorkerOutcome exchange(const std::string& line, double timeout_seconds);
  enum class ReadResult { line, eof, timeout };
  ReadResult read_line(std::string& line, double timeout_seconds);
  WorkerOutcome died(const std::string& context);

  std::filesystem::path executable_;
  std::vector<std::string> arguments_;
  Log log_;
  pid_t pid_ = -1;
  int socket_ = -1;
  std::string pending_;
  int starts_ = 0;
};

}  // namespace kevo::fitness::worker
