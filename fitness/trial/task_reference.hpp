#pragma once
// The reference a task's check sizes are judged against, by its kind: the
// C++ reference in double, compiled and run by a CPU worker, or the
// KernelBench-format PyTorch problem run by the PyTorch reference worker.
#include <memory>

#include "fitness/context.hpp"
#include "fitness/cpu/cpu_compiler.hpp"
#include "fitness/pytorch/pytorch_reference.hpp"
#include "fitness/trial/reference_source.hpp"
#include "fitness/worker/worker_client.hpp"

namespace kevo::fitness::trial {

// Throws std::runtime_error naming the task when its reference does not
// compile, or when a PyTorch reference cannot run here (no PyTorch).
// `torch_device` is where a PyTorch reference runs (the evaluator's GPU).
std::unique_ptr<ReferenceSource> make_task_reference(const Context& context, const Task& task,
                                                     const cpu::CpuCompiler& compiler, worker::WorkerClient& cpu_worker,
                                                     double timeout_seconds,
                                                     const pytorch::TorchDevice& torch_device = {});

}  // namespace kevo::fitness::trial
