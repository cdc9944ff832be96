#pragma once
// The CPU back end of Evaluator (make_cpu_evaluator in fitness/evaluator.hpp).
// Construction compiles the task's reference (a reference that does not
// compile is a task error and throws) and starts nothing else; the worker
// starts on first use. evaluate() screens every variant (language, knobs,
// source policy, launch plan), compiles the survivors in parallel, and then
// runs VariantTrial on each in turn, restarting the worker after a crash or
// timeout and going on with the next variant.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fitness/context.hpp"
#include "fitness/cpu/cpu_compiler.hpp"
#include "fitness/trial/reference_runner.hpp"
#include "fitness/trial/variant_trial.hpp"
#include "fitness/worker/worker_client.hpp"
#include "fitness/evaluator.hpp"

namespace kevo::fitness::cpu {

class CpuEvaluator final : public Evaluator {
 public:
  CpuEvaluator(const Context& context, const Task& task, const EvaluationProtocol& protocol);
  std::string device_id() const override { return device_id_; }
  bool runs(population::Language language) const override { return language == population::Language::cpp; }
  std::vector<population::Evaluation> evaluate(
      const std::vector<population::Variant>& variants) override;

 private:
  // A variant that passed screening, waiting for its compile.
  struct Screened {
    std::size_t index;
    trial::CompiledVariant compiled;
    CompileJob job;
  };
  std::optional<Screened> screen(const population::Variant& variant, std::size_t index,
                                 population::Evaluation& evaluation) const;
  void run_compiled(Screened& screened, const CompileResult& compiled,
                    population::Evaluation& evaluation);

  Context context_;
  Task task_;
  EvaluationProtocol protocol_;
  std::string device_id_;
  CpuCompiler compiler_;
  worker::WorkerClient worker_;
  std::unique_ptr<trial::ReferenceSource> reference_;
  trial::TrialSetup setup_;
};

}  // namespace kevo::fitness::cpu
