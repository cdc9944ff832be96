#pragma once
// What a kevo-worker process does with a request, per back end: the CPU
// runner runs a shared object's functions in a sandboxed kernel host on the
// engine's shared memory (fitness/cpu/cpu_runner); the GPU runner launches a
// cubin's or code object's kernels on a device (fitness/gpu/gpu_runner).
// The request loop (WorkerServer) is the same for both.
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include "fitness/worker/worker_messages.hpp"

namespace kevo::fitness::worker {

// The reply to a request a runner could not carry out; `fatal` ends the worker.
inline RunReply failed_reply(std::string status, std::string error, bool fatal = false) {
  RunReply reply;
  reply.status = std::move(status);
  reply.error = std::move(error);
  reply.fatal = fatal;
  return reply;
}

// A compiled module (cubin, AMD code object) as the GPU runtimes load it: from memory.
inline std::string read_module_image(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read module " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class KernelRunner {
 public:
  virtual ~KernelRunner() = default;
  // Carries out a check, session, export or profile request. A failure
  // the runner can survive is a reply with ok = false; one that leaves the
  // process suspect (a crashed kernel, a sticky device error) sets fatal.
  virtual RunReply run(const RunRequest& request) = 0;
  // A JSON object naming the device this worker runs on.
  virtual std::string describe_device() = 0;
};

}  // namespace kevo::fitness::worker
