// kevo-worker: the sandbox process that loads and runs candidate kernels.
//   kevo-worker              the CPU back end (shared objects on the host)
//   kevo-worker --cuda N     the CUDA back end on device ordinal N
//   kevo-worker --hip N      the HIP back end on AMD device ordinal N
//   kevo-worker --kernel-host  (started by the CPU back end: one sandboxed
//                            process per request, fitness/cpu/kernel_host.hpp)
// The engine starts one per evaluator and talks to it in JSON lines
// (fitness/worker/worker_messages.hpp); when a kernel crashes or hangs, the
// engine kills this process and starts another.
#include <sys/prctl.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "fitness/cpu/cpu_runner.hpp"
#include "fitness/cpu/kernel_host.hpp"
#include "fitness/cuda/cuda_runtime.hpp"
#include "fitness/gpu/gpu_runner.hpp"
#include "fitness/hip/hip_runtime.hpp"
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
  if (argc == 2 && std::string(argv[1]) == "--kernel-host") return cpu::serve_kernel_host();
  if (argc == 1) {
    // Not dumpable: no other process (a kernel host among them) may read
    // this one's memory through /proc or ptrace without CAP_SYS_PTRACE.
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    runner = std::make_unique<cpu::CpuRunner>();
  } else if (argc == 3 && (std::string(argv[1]) == "--cuda" || std::string(argv[1]) == "--hip")) {
    char* end = nullptr;
    const long ordinal = std::strtol(argv[2], &end, 10);
    if (*end != '\0' || ordinal < 0) return usage();
    const int device = static_cast<int>(ordinal);
    if (std::string(argv[1]) == "--cuda") {
      runner = std::make_unique<gpu::GpuRunner>([device] { return std::make_unique<cuda::CudaRuntime>(device); });
    } else {
      runner = std::make_unique<gpu::GpuRunner>([device] { return std::make_unique<hip::HipRuntime>(device); });
    }
  } else {
    return usage();
  }
  worker::harden_worker_process(/*limit_address_space=*/argc == 1);
  const worker::WorkerChannel channel = worker::claim_protocol_channel();
  return worker::WorkerServer(channel.in_fd, channel.out_fd, *runner).serve();
}
