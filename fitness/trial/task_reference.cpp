#include "fitness/trial/task_reference.hpp"

#include "fitness/cpu/cpu_reference.hpp"
#include "fitness/pytorch/pytorch_reference.hpp"
#include "fitness/trial/reference_runner.hpp"

namespace kevo::fitness::trial {

std::unique_ptr<ReferenceSource> make_task_reference(const Context& context, const Task& task,
                                                     const cpu::CpuCompiler& compiler, worker::WorkerClient& cpu_worker,
                                                     double timeout_seconds, const pytorch::TorchDevice& torch_device) {
  if (task.reference_kind == ReferenceKind::pytorch) {
    return std::make_unique<pytorch::PytorchReference>(context, task, timeout_seconds, torch_device);
  }
  return std::make_unique<ReferenceRunner>(task, cpu::compile_cpu_reference(compiler, task), cpu_worker,
                                           timeout_seconds);
}

}  // namespace kevo::fitness::trial
