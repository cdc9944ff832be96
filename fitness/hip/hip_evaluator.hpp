#pragma once
// The HIP back end of Evaluator (make_hip_evaluator in fitness/evaluator.hpp),
// the CUDA evaluator's protocol on an AMD GPU. Construction starts
// `kevo-worker --hip N`, asks it for the device (no ROCm or no AMD GPU throws
// here, naming hip:N), finds the device's hardware profile, whose `arch`
// (gfx90a, gfx942) is the hiprtc target, and compiles the task's CPU
// reference and, where it is portable to HIP, its GPU reference.
//
// It runs the task's HIP seeds and the CUDA seeds that say
// `portable_to: [hip]`, compiled through the HIP prelude; a variant of a
// seed family that is not portable is rejected before it is compiled.
// Everything else (poison, guards, checksums, timing, re-check) is
// trial::VariantTrial, shared with the other back ends.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fitness/context.hpp"
#include "fitness/cpu/cpu_compiler.hpp"
#include "fitness/evaluator.hpp"
#include "fitness/hardware/ceilings.hpp"
#include "fitness/hardware/hardware_profile.hpp"
#include "fitness/hip/hip_device.hpp"
#include "fitness/hip/hiprtc_compiler.hpp"
#include "fitness/trial/gpu_variant.hpp"
#include "fitness/trial/reference_runner.hpp"
#include "fitness/trial/variant_trial.hpp"
#include "fitness/worker/worker_client.hpp"

namespace kevo::fitness::hip {

class HipEvaluator final : public Evaluator {
 public:
  HipEvaluator(const Context& context, const Task& task, const EvaluationProtocol& protocol, int ordinal);
  std::string device_id() const override { return facts_.id(); }
  bool runs(population::Language language) const override;
  bool runs_seed(const SeedSpec& seed) const override;
  std::vector<population::Evaluation> evaluate(const std::vector<population::Variant>& variants) override;

  const HipDeviceFacts& facts() const { return facts_; }
  const std::string& arch() const { return arch_; }

 private:
  using Screened = trial::ScreenedGpuVariant;
  std::optional<Screened> screen(const population::Variant& variant, std::size_t index,
                                 population::Evaluation& evaluation) const;
  std::optional<trial::TrustedKernel> compile_gpu_reference() const;
  trial::ReferenceSource& reference_source();

  Context context_;
  Task task_;
  EvaluationProtocol protocol_;
  worker::WorkerClient gpu_worker_;
  HipDeviceFacts facts_;
  hardware::HardwareProfile profile_;  // its arch is the hiprtc target
  std::string arch_;
  std::optional<hardware::Ceilings> ceilings_;
  HiprtcCompiler hiprtc_;
  cpu::CpuCompiler cpu_compiler_;
  worker::WorkerClient cpu_worker_;
  std::unique_ptr<trial::ReferenceSource> cpu_reference_;  // C++ in double, or the PyTorch problem
  std::optional<trial::ReferenceRunner> gpu_reference_;
  std::unique_ptr<trial::BenchSizeSplit> split_reference_;
  trial::TrialSetup setup_;
};

}  // namespace kevo::fitness::hip
