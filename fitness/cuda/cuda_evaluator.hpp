#pragma once
// The CUDA back end of Evaluator (make_cuda_evaluator in fitness/evaluator.hpp).
// Construction starts the GPU's worker (`kevo-worker --cuda N`), asks it for
// the device (a missing driver or GPU throws here, naming the device),
// compiles the task's CPU reference and its GPU reference, and loads the
// device's hardware profile for roofline positions.
//
// Correctness at the check sizes is judged against the CPU reference in
// double (run by a CPU worker); at the bench size against the task's trusted
// GPU reference where it has one, since a double-precision CPU pass over a
// 4096^3 GEMM would take minutes. Everything else (poison, guards, input
// checksums, timing rounds, the re-check after timing) is trial::VariantTrial,
// shared with the CPU back end.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fitness/context.hpp"
#include "fitness/cpu/cpu_compiler.hpp"
#include "fitness/cuda/cuda_device.hpp"
#include "fitness/cuda/nvrtc_compiler.hpp"
#include "fitness/evaluator.hpp"
#include "fitness/hardware/ceilings.hpp"
#include "fitness/trial/gpu_variant.hpp"
#include "fitness/trial/reference_runner.hpp"
#include "fitness/trial/variant_trial.hpp"
#include "fitness/worker/worker_client.hpp"

namespace kevo::fitness::cuda {

class CudaEvaluator final : public Evaluator {
 public:
  CudaEvaluator(const Context& context, const Task& task, const EvaluationProtocol& protocol, int ordinal);
  std::string device_id() const override { return facts_.id(); }
  bool runs(population::Language language) const override { return language == population::Language::cuda; }
  std::vector<population::Evaluation> evaluate(const std::vector<population::Variant>& variants) override;
  bool reads_counters() const override { return true; }
  std::optional<pytorch::TorchBaseline> torch_baseline() override;
  std::string profile(const population::Variant& variant, population::Evaluation& evaluation) override;

  const DeviceFacts& facts() const { return facts_; }
  const std::optional<hardware::Ceilings>& ceilings() const { return ceilings_; }

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
  DeviceFacts facts_;
  std::optional<hardware::Ceilings> ceilings_;
  NvrtcCompiler nvrtc_;
  cpu::CpuCompiler cpu_compiler_;
  worker::WorkerClient cpu_worker_;
  std::unique_ptr<trial::ReferenceSource> cpu_reference_;  // C++ in double, or the PyTorch problem
  std::optional<trial::ReferenceRunner> gpu_reference_;
  std::unique_ptr<trial::BenchSizeSplit> split_reference_;
  trial::TrialSetup setup_;
  std::string no_counters_;  // why this GPU cannot read counters, once a request said so
};

}  // namespace kevo::fitness::cuda
