#pragma once
// RandomSampler: uniformly random valid knob points over the task's seeds,
// the proposal distribution of random search (the baseline every other
// method must beat).
#include <string>
#include <vector>

#include "operators/operator.hpp"

namespace kevo::operators {

struct RandomSamplerOptions {
  int max_attempts_per_child = 64;  // draws rejected by constraints or repeats are redrawn
};

class RandomSampler final : public Operator {
 public:
  explicit RandomSampler(RandomSamplerOptions options = {});

  std::string name() const override { return "random_sampler"; }
  int arity() const override { return 0; }
  // Parents are ignored. Each child: a seed family drawn uniformly, then every
  // knob drawn uniformly from its domain; draws failing fitness::check_knobs or
  // repeating an earlier child of the call are redrawn (bounded), so within a
  // family the children are uniform over its valid points. Children have no
  // parents in their lineage. None when the task has no seeds.
  std::vector<population::Variant> apply(const std::vector<Parent>& parents, int count,
                                         OperatorContext& context) override;

 private:
  RandomSamplerOptions options_;
};

}  // namespace kevo::operators
