#include "operators/llm/llm_repair.hpp"

#include "operators/llm/model_children.hpp"
#include "operators/llm/mutation_prompt.hpp"
#include "operators/required_parent.hpp"

namespace kevo::operators::llm {

bool worth_repairing(const population::Evaluation& failed, int rounds_so_far, int max_rounds,
                     const std::string& parent_error) {
  using population::EvalStatus;
  const bool fixable = failed.status == EvalStatus::compile_error || failed.status == EvalStatus::wrong_result;
  return fixable && rounds_so_far < max_rounds && failed.error != parent_error;
}

std::vector<population::Variant> LlmRepair::apply(const std::vector<Parent>& parents, int count,
                                                  OperatorContext& context) {
  const population::Variant& failed = required_parent(parents, 0, name());
  if (context.strategy.empty()) context.strategy = failed.lineage.strategy;  // the repair serves the same strategy
  const MutationBrief brief{context.task, failed, parents.front().evaluation, nullptr, {}};
  return children_from_model(service_, name(), repair_prompt_parts(brief), failed, count, context, last_failure_);
}

}  // namespace kevo::operators::llm
