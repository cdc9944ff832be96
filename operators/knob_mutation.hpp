#pragma once
// KnobMutation: small moves in knob space. Each child changes 1..k knobs of
// its parent, usually to a neighbouring value in the knob's domain (the next
// tile size up or down), sometimes two steps away, rarely to any value: local
// refinement with an occasional jump out of a basin.
#include <string>
#include <vector>

#include "operators/operator.hpp"

namespace kevo::operators {

struct KnobMutationOptions {
  int max_knobs_changed = 3;            // k is drawn from 1..this; each extra knob half as likely
  double far_step_probability = 0.2;    // a step of two domain positions instead of one
  double random_jump_probability = 0.1; // a uniformly drawn other value instead of a step
  int max_attempts_per_child = 32;      // redraws when a move breaks a constraint or repeats
  std::vector<std::string> only_knobs;  // when not empty, only these knobs move (a strategy's knobs)
};

class KnobMutation final : public Operator {
 public:
  explicit KnobMutation(KnobMutationOptions options = {});

  std::string name() const override { return "knob_mutation"; }
  int arity() const override { return 1; }
  // Children of parents[0] with the same source and launch plan, valid for its
  // seed family (fitness::check_knobs), distinct from the parent and from each
  // other. Knobs the seed does not declare are dropped, and those the parent
  // leaves unset or outside their domain first get random domain values. None when the seed family has no knob that can
  // change. Throws
  // std::invalid_argument without a parent, or when the parent's seed is not
  // one of the task's.
  std::vector<population::Variant> apply(const std::vector<Parent>& parents, int count,
                                         OperatorContext& context) override;

 private:
  KnobMutationOptions options_;
};

}  // namespace kevo::operators
