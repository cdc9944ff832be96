#pragma once
// The request loop of kevo-worker (see worker_messages.hpp for the protocol).
// It maps the engine's shared buffers, loads kernels, runs and times them, and
// watches for threads a kernel leaves behind. It never judges outputs: that
// happens in the engine, which the worker's kernels cannot touch.
#include <string>

#include "fitness/cpu/cache_flusher.hpp"
#include "fitness/cpu/library_cache.hpp"
#include "fitness/cpu/worker_messages.hpp"

namespace kevo::fitness::cpu {

class WorkerServer {
 public:
  WorkerServer(int in_fd, int out_fd) : in_fd_(in_fd), out_fd_(out_fd) {}
  // Serves until stdin closes (exit code 0), or a fatal reply (exit code 3).
  int serve();

 private:
  bool read_line(std::string& line);
  bool write_line(const std::string& line);
  RunReply handle(const std::string& line);
  RunReply run(const RunRequest& request);

  int in_fd_;
  int out_fd_;
  std::string pending_;  // bytes read past the last line
  LibraryCache libraries_;
  CacheFlusher flusher_;
};

// Entries of /proc/self/task: the process's live threads.
int count_threads();

}  // namespace kevo::fitness::cpu
