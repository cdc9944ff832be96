#pragma once
// LlmRepair ("llm_repair"): a child that failed to compile or gave a wrong
// result goes back to the model with its verbatim error. Islands call it
// for LLM-made children only, at most search.repair_rounds times along one
// line, and never for a failure that repeats its parent's error verbatim
// (no loops on an error the model cannot fix).
#include "operators/llm/llm_service.hpp"
#include "operators/operator.hpp"

namespace kevo::operators::llm {

class LlmRepair final : public Operator {
 public:
  explicit LlmRepair(LlmService& service) : service_(service) {}

  std::string name() const override { return "llm_repair"; }
  int arity() const override { return 1; }
  // parents[0]: the failed child, with its evaluation (status and error).
  std::vector<population::Variant> apply(const std::vector<Parent>& parents, int count,
                                         OperatorContext& context) override;
  const std::string& last_failure() const { return last_failure_; }

 private:
  LlmService& service_;
  std::string last_failure_;
};

// Whether a failed child deserves a repair round: it failed in a way a
// rewrite can fix (compile error, wrong result), its line has had fewer
// than `max_rounds` repairs, and its error is not its parent's, verbatim.
bool worth_repairing(const population::Evaluation& failed, int rounds_so_far, int max_rounds,
                     const std::string& parent_error);

}  // namespace kevo::operators::llm
