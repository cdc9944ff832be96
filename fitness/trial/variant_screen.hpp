#pragma once
// What every back end checks before it compiles a variant: its language, its
// seed family, its knob values, the source policy, and that its launch plan
// resolves. A variant that fails is `rejected` with the reason, and never
// reaches a compiler or a device.
#include <optional>
#include <string>
#include <string_view>

#include "fitness/protocol/launch_plan_binding.hpp"
#include "fitness/protocol/source_policy.hpp"
#include "fitness/task.hpp"
#include "population/evaluation.hpp"
#include "population/variant.hpp"

namespace kevo::fitness::trial {

using SourcePolicy = std::optional<protocol::PolicyViolation> (*)(std::string_view);

struct ScreenRules {
  std::string backend;                // "cpu", "cuda": named in the rejection
  population::Language language;      // the only language this back end runs
  SourcePolicy policy;
};

// The resolved plan, or nullopt with `evaluation` marked rejected.
std::optional<protocol::ResolvedPlan> screen_variant(const Task& task, const population::Variant& variant,
                                                     const ScreenRules& rules,
                                                     population::Evaluation& evaluation);

}  // namespace kevo::fitness::trial
