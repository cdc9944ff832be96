#pragma once
// KnobCrossover: uniform crossover of knob values between two parents, so
// that good settings found on different islands can meet in one kernel.
//
// The child is built on parent A (parents[0]): A's seed family, source,
// launch plan and language. Every knob of A's family that B (parents[1]) also
// sets, to a value inside A's domain for that knob and different from A's,
// takes B's value with probability 1/2; the other knobs keep A's values.
//  - Same seed family: this is plain uniform crossover.
//  - Different seed families: only knobs whose names exist in both families
//    can take B's value, and only where that value is valid in A's domain;
//    B's structure (source) is never carried over — SeedSwitch does that.
// Children must pass fitness::check_knobs for A's family and differ from both
// parents and from each other; a draw that fails is redrawn. When the redraws
// leave fewer children than asked, one more child is tried with *all* of B's
// transferable values (the parent knob set that differs from A), kept only if
// valid and new — with identical sources that child is B itself, so it is
// dropped and the call returns fewer children. No transferable values: no
// children.
#include <string>
#include <vector>

#include "operators/operator.hpp"

namespace kevo::operators {

struct KnobCrossoverOptions {
  int max_attempts_per_child = 32;  // redraws when a mix breaks a constraint or repeats
};

class KnobCrossover final : public Operator {
 public:
  explicit KnobCrossover(KnobCrossoverOptions options = {});

  std::string name() const override { return "knob_crossover"; }
  int arity() const override { return 2; }
  // Throws std::invalid_argument with fewer than two parents, or when parent
  // A's seed is not one of the task's.
  std::vector<population::Variant> apply(const std::vector<Parent>& parents, int count,
                                         OperatorContext& context) override;

 private:
  KnobCrossoverOptions options_;
};

}  // namespace kevo::operators
