// kevo-worker: the sandbox process that loads and runs candidate kernels.
//   kevo-worker              the CPU back end (shared objects on the host)
//   kevo-worker --cuda N     the CUDA back end on device ordinal N
//   kevo-worker --hip N      the HIP back end on AMD device ordinal N
// The engine starts one per evaluator and talks to it in JSON lines
// (fitness/worker/worker_messages.hpp); when a kernel crashes or hangs, the
// engine kills this process and starts another.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "fitness/cpu/cpu_runner.hpp"
#include "fitness/cuda/cuda_runner.hpp"
#include "fitness/hip/hip_runner.hpp"
#include "fitness/worker/worker_sandbox.hpp"
#include "fitness/worker/worker_server.hpp"

namespace {

int usage() {
  std::fprintf(stderr, "usage: kevo-worker [--cuda DEVICE_ORDINAL | --hip DEVICE_ORDINAL]\n");
  return 64;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace kevo::fitness;
  std::unique_ptr<worker::KernelRunner> runner;
  if (argc == 1) {
    runner = std::make_unique<cpu::CpuRunner>();
  } else if (argc == 3 && (std::string(argv[1]) == "--cuda" || std::string(argv[1]) == "--hip")) {
    char* end = nullptr;
    const long ordinal = std::strtol(argv[2], &end, 10);
    if (*end != '\0' || ordinal < 0) return usage();
    if (std::string(argv[1]) == "--cuda") runner = std::make_unique<cuda::CudaRunner>(static_cast<int>(ordinal));
    else runner = std::make_unique<hip::HipRunner>(static_cast<int>(ordinal));
  } else {
    return usage();
  }
  worker::harden_worker_process(/*limit_address_space=*/argc == 1);
  const worker::WorkerChannel channel = worker::claim_protocol_channel();
  return worker::WorkerServer(channel.in_fd, channel.out_fd, *runner).serve();
}
