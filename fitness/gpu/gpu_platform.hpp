#pragma once
// What the CUDA and HIP back ends differ in on the engine side: the device's
// facts, which kernels it runs, the run-time compiler, its ceilings and
// counters, and where a PyTorch reference runs. GpuEvaluator is written once
// against it; fitness/cuda/cuda_platform and fitness/hip/hip_platform are the
// two implementations.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fitness/compile/kernel_compile_job.hpp"
#include "fitness/context.hpp"
#include "fitness/evaluator.hpp"
#include "fitness/hardware/ceilings.hpp"
#include "fitness/pytorch/pytorch_reference.hpp"
#include "fitness/task.hpp"
#include "fitness/trial/variant_screen.hpp"
#include "population/evaluation.hpp"
#include "population/variant.hpp"

namespace kevo::fitness::gpu {

class GpuPlatform {
 public:
  virtual ~GpuPlatform() = default;

  virtual std::string device_id() const = 0;      // "cuda:0:NVIDIA-H100-80GB-HBM3"
  virtual std::string lock_key() const = 0;       // "cuda-0000:1b:00", as the worker locks it
  virtual std::size_t l2_bytes() const = 0;
  virtual std::string target() const = 0;         // the compile target: "sm_90a", "gfx90a"

  virtual bool runs(population::Language language) const = 0;
  virtual bool runs_seed(const SeedSpec& seed) const = 0;
  // Rejects a variant before it is compiled (its language, its seed family's
  // portability, the source policy); nullopt when it may be compiled.
  virtual std::optional<trial::ScreenRules> screen_rules(const Task& task, const population::Variant& variant,
                                                         population::Evaluation& evaluation) const = 0;
  // Whether this device can build the task's GPU reference.
  virtual bool builds(const GpuReference& reference) const = 0;

  virtual std::vector<compile::KernelCompileResult> compile_all(
      const std::vector<compile::KernelCompileJob>& jobs) const = 0;

  virtual std::optional<hardware::Ceilings> ceilings(const Task& task) const = 0;
  virtual bool reads_counters() const = 0;
  // Where a PyTorch reference runs, when it can run on this device.
  virtual pytorch::TorchDevice torch_device() const = 0;
};

// `device_json` is the worker's answer to "device".
std::unique_ptr<GpuPlatform> make_cuda_platform(const Context& context, const EvaluationProtocol& protocol,
                                                const std::string& device_json);
std::unique_ptr<GpuPlatform> make_hip_platform(const Context& context, const EvaluationProtocol& protocol,
                                               const std::string& device_json);

}  // namespace kevo::fitness::gpu
