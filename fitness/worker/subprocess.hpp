#pragma once
// Child processes for the CPU back end (compiler runs, the worker), started
// with posix_spawn: no fork of a possibly multi-threaded, large engine.
// Every child gets its own process group, so a timeout kills the compiler
// driver together with cc1plus/as/ld, and it inherits no descriptor of the
// engine beyond the ones it is given.
#include <spawn.h>
#include <sys/types.h>

#include <string>
#include <vector>

namespace kevo::fitness::worker {

struct ProcessResult {
  int wait_status = 0;      // as from waitpid; meaningful unless timed_out
  bool timed_out = false;   // killed by us after the deadline
  std::string output;       // stdout and stderr, interleaved as written
  double seconds = 0;       // wall time
  bool exited_ok() const;   // exited with code 0
};

// Runs argv[0] (looked up in PATH) with stdin from /dev/null, stdout and
// stderr captured, and kills its process group after `timeout_seconds`.
// `environment` entries ("NAME=value") override the engine's environment.
// Captures at most `max_output_bytes` (the rest is read and dropped, with a
// note). Throws std::system_error when the process cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv, double timeout_seconds,
                          const std::vector<std::string>& environment = {},
                          std::size_t max_output_bytes = std::size_t{1} << 20);

// "exited with code 1", "killed by signal 11 (Segmentation fault)".
std::string describe_wait_status(int wait_status);

// RAII for spawn attributes/file actions shared by all children: own process
// group, and (glibc >= 2.34) every descriptor from 3 up closed.
class SpawnSetup {
 public:
  SpawnSetup();
  ~SpawnSetup();
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
  void redirect(int from_fd, int to_fd);  // dup2(from_fd, to_fd) in the child
  void open_dev_null(int to_fd);
  // Spawns; call once, after the redirects. `environment` entries
  // ("NAME=value") override the engine's. Throws std::system_error.
  pid_t spawn(const std::vector<std::string>& argv, bool search_path,
              const std::vector<std::string>& environment = {});

 private:
  posix_spawn_file_actions_t actions_;
  posix_spawnattr_t attributes_;
};

// SIGKILLs the process group of `pid` and reaps `pid`; returns its wait status.
int kill_and_reap(pid_t pid);

// Reaps `pid` if it ends within `seconds` (a process already on its way out,
// so its own signal shows in the status), else kills and reaps it.
int reap_within(pid_t pid, double seconds);

}  // namespace kevo::fitness::worker
