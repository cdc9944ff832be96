#pragma once
// The request loop of kevo-worker (see worker_messages.hpp for the protocol):
// reads JSON lines, hands runs to the back end's KernelRunner, writes the
// replies. Outputs are judged by the engine, which candidates cannot touch,
// or, in a GPU session that carries the task's GPU reference, by kevo's own
// kernels in the worker (fitness/gpu/gpu_session_device).
#include <string>

#include "fitness/worker/kernel_runner.hpp"
#include "fitness/worker/worker_messages.hpp"

namespace kevo::fitness::worker {

class WorkerServer {
 public:
  WorkerServer(int in_fd, int out_fd, KernelRunner& runner)
      : in_fd_(in_fd), out_fd_(out_fd), runner_(runner) {}
  // Serves until stdin closes (exit code 0), or a fatal reply (exit code 3).
  int serve();

 private:
  RunReply handle(const std::string& line);

  int in_fd_;
  int out_fd_;
  KernelRunner& runner_;
  std::string pending_;  // bytes read past the last line
};

}  // namespace kevo::fitness::worker
