#include "operators/strategy/strategy_operator.hpp"

#include "operators/knob_mutation.hpp"
#include "operators/required_parent.hpp"
#include "operators/seed_family.hpp"
#include "operators/seed_switch.hpp"

namespace kevo::operators::strategy {

std::set<std::string> applicable_strategies(const fitness::Task& task, const population::Variant& parent) {
  std::set<std::string> names;
  for (const auto& [name, move] : seed_family_of(task, parent).strategies) names.insert(name);
  return names;
}

std::vector<population::Variant> StrategyOperator::apply(const std::vector<Parent>& parents, int count,
                                                         OperatorContext& context) {
  const auto& parent = required_parent(parents, 0, name());
  if (count <= 0 || context.strategy.empty()) return {};
  const fitness::SeedSpec& seed = seed_family_of(context.task, parent);
  const auto move = seed.strategies.find(context.strategy);
  if (move == seed.strategies.end()) return {};
  std::vector<population::Variant> children;
  if (!move->second.knobs.empty()) {
    KnobMutationOptions options;
    options.only_knobs = move->second.knobs;
    children = KnobMutation(options).apply(parents, count, context);
  } else {
    children = SeedSwitch(move->second.seed).apply(parents, count, context);
  }
  for (auto& child : children) {
    child.lineage.operator_name = name();
    child.lineage.strategy = context.strategy;
  }
  return children;
}

}  // namespace kevo::operators::strategy
