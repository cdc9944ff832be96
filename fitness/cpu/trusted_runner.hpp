#pragma once
// Runs kevo's own trusted references (RunRequest::trusted) inside the CPU
// worker itself: they are not candidates, so they need no sandbox and no
// process started for every run, which at a bench size of hundreds of MiB
// would cost more than the reference. Shared objects stay loaded, and the
// last shared buffers stay mapped (a session's exports and the references
// that verify them use the same ones).
#include <map>
#include <memory>
#include <string>

#include "fitness/worker/shared_mapping.hpp"
#include "fitness/worker/worker_messages.hpp"

namespace kevo::fitness::cpu {

class TrustedRunner {
 public:
  TrustedRunner() = default;
  ~TrustedRunner();
  TrustedRunner(const TrustedRunner&) = delete;
  TrustedRunner& operator=(const TrustedRunner&) = delete;

  // One run of the request's entries; throws std::runtime_error when the
  // module cannot be loaded (a reference that crashes takes the worker down,
  // which the engine reports as a broken task).
  void run(const worker::RunRequest& request);

 private:
  void* library(const std::string& path);
  worker::SharedMapping& mapping(const worker::RunRequest& request);

  struct FileIdentity {
    unsigned long long device = 0;
    unsigned long long inode = 0;
    std::size_t size = 0;
    bool operator==(const FileIdentity&) const = default;
  };

  std::map<std::string, void*> libraries_;
  FileIdentity mapped_identity_;
  std::unique_ptr<worker::SharedMapping> mapped_;
};

}  // namespace kevo::fitness::cpu
