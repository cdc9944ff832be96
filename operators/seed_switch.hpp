#pragma once
// SeedSwitch: moves a variant to another seed family of the task (another
// source variant, e.g. from naive to blocked). Knob moves only tune numbers;
// this lets an offline search change the kernel's structure too.
#include <string>
#include <vector>

#include "operators/operator.hpp"

namespace kevo::operators {

class SeedSwitch final : public Operator {
 public:
  // `only_target`: switch to this family only (a strategy's family); "" = any other.
  explicit SeedSwitch(std::string only_target = "") : only_target_(std::move(only_target)) {}
  std::string name() const override { return "seed_switch"; }
  int arity() const override { return 1; }
  // One child per other seed family (families drawn in random order, at most
  // `count`): the family's seed source, launch plan and language, with the
  // parent's value for each knob whose name exists in the family and whose
  // value lies in its domain, else the family's seed value. When the carried
  // values break a constraint, carried knobs fall back to seed values one at a
  // time (random order) until the set is valid. None when the task has one
  // seed. Throws std::invalid_argument without a parent, or when its seed is
  // not one of the task's.
  std::vector<population::Variant> apply(const std::vector<Parent>& parents, int count,
                                         OperatorContext& context) override;

 private:
  std::string only_target_;
};

}  // namespace kevo::operators
