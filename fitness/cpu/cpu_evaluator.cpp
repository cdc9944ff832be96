#include "fitness/cpu/cpu_evaluator.hpp"

#include <algorithm>
#include <stdexcept>

#include "fitness/cpu/cpu_info.hpp"
#include "fitness/cpu/trampoline.hpp"
#include "fitness/protocol/source_policy.hpp"

namespace kevo::fitness::cpu {

namespace {

using population::EvalStatus;
using population::Evaluation;

// The reference may be slow (it accumulates in double, unoptimized by design),
// and a hang there is a task error, so it gets its own, longer limit.
double reference_timeout(const EvaluationProtocol& protocol) {
  return std::max(60.0, 4 * protocol.run_timeout_seconds);
}

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
      reference_(task_, compile_reference(), reference_timeout(protocol_)),
      setup_{task_,
             protocol_,
             context_.scratch_dir,
             protocol_.flush_cache ? default_flush_bytes() : 0,
             worker_,
             reference_,
             protocol::InputGenerator(protocol_.seed)} {}

std::filesystem::path CpuEvaluator::compile_reference() const {
  protocol::ResolvedPlan plan;
  try {
    plan = protocol::resolve_reference(task_);
  } catch (const protocol::PlanError& error) {
    throw std::runtime_error(task_.reference_file.string() + ": the interface of task '" +
                             task_.name + "' cannot be called: " + error.what());
  }
  const std::string label = task_.reference_file.filename().string();
  const CompileResult result = compiler_.compile(
      {"reference of " + task_.name, generate_translation_unit(task_.reference_source, label, plan), {}});
  if (!result.ok) {
    throw std::runtime_error(task_.reference_file.string() + ": the reference of task '" +
                             task_.name + "' does not compile:\n" + result.compiler_output);
  }
  return result.shared_object;
}

std::optional<CpuEvaluator::Screened> CpuEvaluator::screen(const population::Variant& variant,
                                                           std::size_t index,
                                                           Evaluation& evaluation) const {
  auto reject = [&](const std::string& reason) {
    evaluation.status = EvalStatus::rejected;
    evaluation.error = reason;
    return std::nullopt;
  };
  if (variant.language != population::Language::cpp) {
    return reject("the cpu back end runs language cpp only, not " +
                  population::to_string(variant.language));
  }
  const SeedSpec* seed = task_.find_seed(variant.seed_name);
  if (seed == nullptr) {
    return reject("task '" + task_.name + "' has no seed '" + variant.seed_name + "'");
  }
  if (const std::string problem = check_knobs(*seed, variant.knobs); !problem.empty()) {
    return reject(problem);
  }
  if (const auto violation = protocol::check_source_policy(variant.source)) {
    return reject("source policy: " + violation->describe());
  }
  Screened screened{index, {evaluation.variant_id, variant.knobs, {}, {}}, {}};
  try {
    screened.compiled.plan = protocol::resolve_plan(task_, variant.launch);
  } catch (const protocol::PlanError& error) {
    return reject(error.what());
  }
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
  screened.compiled.shared_object = compiled.shared_object;
  VariantTrial(setup_, screened.compiled).run(evaluation);
}

std::vector<Evaluation> CpuEvaluator::evaluate(const std::vector<population::Variant>& variants) {
  std::vector<Evaluation> evaluations(variants.size());
  std::vector<Screened> screened;
  for (std::size_t i = 0; i < variants.size(); ++i) {
    evaluations[i].variant_id = variants[i].content_hash();
    evaluations[i].device_id = device_id_;
    if (auto ready = screen(variants[i], i, evaluations[i])) screened.push_back(std::move(*ready));
  }
  std::vector<CompileJob> jobs;
  for (const Screened& s : screened) jobs.push_back(s.job);
  const std::vector<CompileResult> compiled = compiler_.compile_all(jobs);
  for (std::size_t k = 0; k < screened.size(); ++k) {
    run_compiled(screened[k], compiled[k], evaluations[screened[k].index]);
  }
  return evaluations;
}

}  // namespace kevo::fitness::cpu

namespace kevo::fitness {

std::unique_ptr<Evaluator> make_cpu_evaluator(const Context& context, const Task& task,
                                              const EvaluationProtocol& protocol) {
  return std::make_unique<cpu::CpuEvaluator>(context, task, protocol);
}

}  // namespace kevo::fitness
