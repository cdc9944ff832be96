#include "fitness/trial/gpu_variant.hpp"

#include "fitness/hardware/evaluation_roofline.hpp"

namespace kevo::fitness::trial {

std::optional<ScreenedGpuVariant> screen_gpu_variant(const Task& task, const population::Variant& variant,
                                                     const ScreenRules& rules, std::size_t index,
                                                     population::Evaluation& evaluation) {
  std::optional<protocol::ResolvedPlan> plan = screen_variant(task, variant, rules, evaluation);
  if (!plan) return std::nullopt;
  ScreenedGpuVariant screened{index, {evaluation.variant_id, variant.knobs, std::move(*plan), {}}, {}};
  screened.job = {evaluation.variant_id, variant.source, variant.knobs, compile::kernel_names(variant.launch)};
  return screened;
}

void run_compiled_gpu_variant(TrialSetup& setup, ScreenedGpuVariant& screened,
                              const compile::KernelCompileResult& compiled,
                              const std::optional<hardware::Ceilings>& ceilings, population::Evaluation& evaluation) {
  evaluation.compile_seconds = compiled.seconds;
  evaluation.compile_cache_hit = compiled.cache_hit;
  if (!compiled.ok) {
    evaluation.status = population::EvalStatus::compile_error;
    evaluation.error = compiled.log;
    return;
  }
  screened.compiled.module = {compiled.object.string(), compiled.symbols};
  VariantTrial(setup, screened.compiled).run(evaluation);
  if (ceilings) hardware::annotate_roofline(evaluation, setup.task, *ceilings);
}

}  // namespace kevo::fitness::trial
