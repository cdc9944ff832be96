#include "fitness/cpu/cpu_evaluator.hpp"

#include <algorithm>
#include <stdexcept>

#include "fitness/cpu/cpu_info.hpp"
#include "fitness/cpu/cpu_reference.hpp"
#include "fitness/trial/task_reference.hpp"
#include "fitness/cpu/trampoline.hpp"
#include "fitness/protocol/source_policy.hpp"
#include "fitness/trial/batch_evaluation.hpp"
#include "fitness/trial/variant_screen.hpp"

namespace kevo::fitness::cpu {

namespace {

using population::EvalStatus;
using population::Evaluation;

}  // namespace

CpuEvaluator::CpuEvaluator(const Context& context, const Task& task,
                           const EvaluationProtocol& protocol)
    : context_(context),
      task_(task),
      protocol_(protocol),
      device_id_(cpu_device_id()),
      compiler_(context_, protocol_.compile_timeout_seconds),
      worker_(context_.worker_executable.empty() ? locate_worker_executable()
                                                 : context_.worker_executable,
              context_.log),
      reference_(trial::make_task_reference(context_, task_, compiler_, worker_, reference_timeout(protocol_))),
      setup_{task_,
             protocol_,
             context_.scratch_dir,
             protocol_.flush_cache ? default_flush_bytes() : 0,
             worker_,
             *reference_,
             protocol::InputGenerator(protocol_.seed)} {}

std::optional<CpuEvaluator::Screened> CpuEvaluator::screen(const population::Variant& variant,
                                                           std::size_t index,
                                                           Evaluation& evaluation) const {
  const trial::ScreenRules rules{"cpu", population::Language::cpp, protocol::check_source_policy};
  std::optional<protocol::ResolvedPlan> plan = trial::screen_variant(task_, variant, rules, evaluation);
  if (!plan) return std::nullopt;
  Screened screened{index, {evaluation.variant_id, variant.knobs, std::move(*plan), {}}, {}};
  screened.job = {evaluation.variant_id,
                  generate_translation_unit(variant.source, "kernel.cpp", screened.compiled.plan),
                  variant.knobs};
  return screened;
}

void CpuEvaluator::run_compiled(Screened& screened, const CompileResult& compiled,
                                Evaluation& evaluation) {
  evaluation.compile_seconds = compiled.seconds;
  evaluation.compile_cache_hit = compiled.cache_hit;
  if (!compiled.ok) {
    evaluation.status = EvalStatus::compile_error;
    evaluation.error = compiled.compiler_output;
    return;
  }
  screened.compiled.module = {compiled.shared_object.string(), entry_symbols(screened.compiled.plan)};
  trial::VariantTrial(setup_, screened.compiled).run(evaluation);
}

std::vector<Evaluation> CpuEvaluator::evaluate(const std::vector<population::Variant>& variants) {
  if (variants.empty()) return {};
  return trial::evaluate_batch(
      variants, device_id_,
      [&](const population::Variant& variant, std::size_t index, Evaluation& evaluation) {
        return screen(variant, index, evaluation);
      },
      [&](const auto& jobs) { return compiler_.compile_all(jobs); },
      [&](Screened& screened, const CompileResult& compiled, Evaluation& evaluation) {
        run_compiled(screened, compiled, evaluation);
      });
}

}  // namespace kevo::fitness::cpu

namespace kevo::fitness {

std::unique_ptr<Evaluator> make_cpu_evaluator(const Context& context, const Task& task,
                                              const EvaluationProtocol& protocol) {
  return std::make_unique<cpu::CpuEvaluator>(context, task, protocol);
}

}  // namespace kevo::fitness
