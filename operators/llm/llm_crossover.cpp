#include "operators/llm/llm_crossover.hpp"

#include "operators/llm/model_children.hpp"
#include "operators/llm/mutation_prompt.hpp"
#include "operators/required_parent.hpp"

namespace kevo::operators::llm {

std::vector<population::Variant> LlmCrossover::apply(const std::vector<Parent>& parents, int count,
                                                     OperatorContext& context) {
  const population::Variant& first = required_parent(parents, 0, name());
  const population::Variant& second = required_parent(parents, 1, name());
  const MutationBrief a{context.task, first, parents[0].evaluation, nullptr, {}};
  const MutationBrief b{context.task, second, parents[1].evaluation, nullptr, {}};
  auto children = children_from_model(service_, name(), crossover_prompt_parts(a, b), first, count, context,
                                      last_failure_);
  for (auto& child : children) child.lineage.parent_ids = {first.content_hash(), second.content_hash()};
  return children;
}

}  // namespace kevo::operators::llm
