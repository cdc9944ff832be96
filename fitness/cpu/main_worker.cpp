// kevo-worker: the sandbox process that loads and runs candidate kernels for
// the CPU back end. The engine starts one per evaluator and talks to it in
// JSON lines (fitness/cpu/worker_messages.hpp); when a kernel crashes or
// hangs, the engine kills this process and starts another.
#include "fitness/cpu/worker_sandbox.hpp"
#include "fitness/cpu/worker_server.hpp"

int main() {
  kevo::fitness::cpu::harden_worker_process();
  const kevo::fitness::cpu::WorkerChannel channel = kevo::fitness::cpu::claim_protocol_channel();
  return kevo::fitness::cpu::WorkerServer(channel.in_fd, channel.out_fd).serve();
}
