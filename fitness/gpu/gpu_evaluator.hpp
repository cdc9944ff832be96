#pragma once
// The GPU back end of Evaluator, one for CUDA and HIP (make_cuda_evaluator
// and make_hip_evaluator in fitness/evaluator.hpp), with what differs in a
// GpuPlatform. Construction starts the GPU's worker (`kevo-worker --cuda N`
// or `--hip N`) and asks it for the device (no driver or no GPU throws here,
// naming the device), then compiles the task's CPU (or PyTorch) reference,
// its GPU reference where the device can build it, and the evaluator's own
// protocol kernels.
//
// Check sizes are judged against the CPU reference in double (a CPU
// worker), or the PyTorch problem. The bench size is a timing session kept
// on the device: the worker draws every run's inputs, checks the kernel in
// its first run and verifies the chosen timed runs against the GPU
// reference, all on the device. Without a GPU reference, the engine checks
// the bench size and verifies the chosen runs itself (trial::VariantTrial).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fitness/context.hpp"
#include "fitness/cpu/cpu_compiler.hpp"
#include "fitness/evaluator.hpp"
#include "fitness/gpu/gpu_platform.hpp"
#include "fitness/trial/gpu_variant.hpp"
#include "fitness/trial/reference_runner.hpp"
#include "fitness/trial/variant_trial.hpp"
#include "fitness/worker/worker_client.hpp"

namespace kevo::fitness::gpu {

enum class Backend { cuda, hip };

class GpuEvaluator final : public Evaluator {
 public:
  GpuEvaluator(const Context& context, const Task& task, const EvaluationProtocol& protocol, Backend backend,
               int ordinal);
  std::string device_id() const override { return platform_->device_id(); }
  bool runs(population::Language language) const override { return platform_->runs(language); }
  bool runs_seed(const SeedSpec& seed) const override { return platform_->runs_seed(seed); }
  std::vector<population::Evaluation> evaluate(const std::vector<population::Variant>& variants) override;
  bool reads_counters() const override { return platform_->reads_counters(); }
  std::optional<pytorch::TorchBaseline> torch_baseline() override;
  std::string profile(const population::Variant& variant, population::Evaluation& evaluation) override;

  const GpuPlatform& platform() const { return *platform_; }

 private:
  using Screened = trial::ScreenedGpuVariant;
  std::optional<Screened> screen(const population::Variant& variant, std::size_t index,
                                 population::Evaluation& evaluation) const;
  std::optional<trial::TrustedKernel> compile_gpu_reference() const;
  std::string compile_protocol_kernels() const;
  compile::KernelCompileResult compile_one(const compile::KernelCompileJob& job) const;

  Context context_;
  Task task_;
  EvaluationProtocol protocol_;
  worker::WorkerClient gpu_worker_;
  std::unique_ptr<GpuPlatform> platform_;
  std::optional<hardware::Ceilings> ceilings_;
  cpu::CpuCompiler cpu_compiler_;
  worker::WorkerClient cpu_worker_;
  std::unique_ptr<trial::ReferenceSource> reference_;  // C++ in double, or the PyTorch problem
  std::optional<trial::TrustedKernel> gpu_reference_;   // run by the worker in its sessions
  std::string protocol_module_;
  trial::TrialSetup setup_;
  std::string no_counters_;  // why this GPU cannot read counters, once a request said so
};

}  // namespace kevo::fitness::gpu
