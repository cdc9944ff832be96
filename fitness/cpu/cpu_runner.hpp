#pragma once
// The CPU back end inside kevo-worker: maps the engine's shared buffers,
// calls the shared object's entry functions on them, times them with the
// host clock, and watches for threads a kernel leaves behind.
#include <string>

#include "fitness/cpu/cache_flusher.hpp"
#include "fitness/cpu/library_cache.hpp"
#include "fitness/worker/kernel_runner.hpp"

namespace kevo::fitness::cpu {

class CpuRunner final : public worker::KernelRunner {
 public:
  worker::RunReply run(const worker::RunRequest& request) override;
  std::string describe_device() override;

 private:
  LibraryCache libraries_;
  CacheFlusher flusher_;
};

// Entries of /proc/self/task: the process's live threads.
int count_threads();

}  // namespace kevo::fitness::cpu
