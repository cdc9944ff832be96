#include "fitness/trial/variant_screen.hpp"

namespace kevo::fitness::trial {

std::optional<protocol::ResolvedPlan> screen_variant(const Task& task, const population::Variant& variant,
                                                     const ScreenRules& rules,
                                                     population::Evaluation& evaluation) {
  auto reject = [&](const std::string& reason) -> std::optional<protocol::ResolvedPlan> {
    evaluation.status = population::EvalStatus::rejected;
    evaluation.error = reason;
    return std::nullopt;
  };
  if (variant.language != rules.language) {
    return reject("the " + rules.backend + " back end runs language " + population::to_string(rules.language) +
                  " only, not " + population::to_string(variant.language));
  }
  const SeedSpec* seed = task.find_seed(variant.seed_name);
  if (seed == nullptr) return reject("task '" + task.name + "' has no seed '" + variant.seed_name + "'");
  if (const std::string problem = check_knobs(*seed, variant.knobs); !problem.empty()) return reject(problem);
  if (const auto violation = rules.policy(variant.source)) {
    return reject("source policy: " + violation->describe());
  }
  try {
    return protocol::resolve_plan(task, variant.launch);
  } catch (const protocol::PlanError& error) {
    return reject(error.what());
  }
}

}  // namespace kevo::fitness::trial
