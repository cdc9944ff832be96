#pragma once
// StrategyOperator: applies the strategy the bandit chose (OperatorContext::
// strategy) to one parent, through what the parent's seed family declares
// for it in task.yaml: a move of the knobs the strategy is about (e.g.
// register_blocking -> TM, TN), or a switch to the seed family that embodies
// it (e.g. shared_memory_tiling -> the tiled GEMM). Children record the
// strategy in their lineage, so the bandit's reward finds its arm.
#include <set>
#include <string>
#include <vector>

#include "operators/operator.hpp"

namespace kevo::operators::strategy {

class StrategyOperator final : public Operator {
 public:
  std::string name() const override { return "strategy"; }
  int arity() const override { return 1; }
  // None when the context names no strategy or the parent's family does not
  // declare it (callers choose among applicable_strategies()).
  std::vector<population::Variant> apply(const std::vector<Parent>& parents, int count,
                                         OperatorContext& context) override;
};

// The strategies `parent`'s seed family declares: the arms a bandit may pull for it.
std::set<std::string> applicable_strategies(const fitness::Task& task, const population::Variant& parent);

}  // namespace kevo::operators::strategy
