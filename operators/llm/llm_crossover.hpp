#pragma once
// LlmCrossover ("llm_crossover"): two parents in, one kernel out that the
// model writes to combine them. The child belongs to the first parent's
// family (knobs, launch plan); search/replace edits apply to its source.
#include "operators/llm/llm_service.hpp"
#include "operators/operator.hpp"

namespace kevo::operators::llm {

class LlmCrossover final : public Operator {
 public:
  explicit LlmCrossover(LlmService& service) : service_(service) {}

  std::string name() const override { return "llm_crossover"; }
  int arity() const override { return 2; }
  std::vector<population::Variant> apply(const std::vector<Parent>& parents, int count,
                                         OperatorContext& context) override;
  const std::string& last_failure() const { return last_failure_; }

 private:
  LlmService& service_;
  std::string last_failure_;
};

}  // namespace kevo::operators::llm
