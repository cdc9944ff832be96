#include "operators/llm/llm_mutation.hpp"

#include "operators/llm/model_children.hpp"
#include "operators/llm/mutation_prompt.hpp"
#include "operators/required_parent.hpp"

namespace kevo::operators::llm {

std::vector<population::Variant> LlmMutation::apply(const std::vector<Parent>& parents, int count,
                                                    OperatorContext& context) {
  const population::Variant& parent = required_parent(parents, 0, name());
  const strategy::Strategy* chosen =
      catalogue_ != nullptr && !context.strategy.empty() ? catalogue_->find(context.strategy) : nullptr;
  const MutationBrief brief{context.task, parent, parents.front().evaluation, chosen, hardware_facts_};
  return children_from_model(service_, name(), mutation_prompt_parts(brief), parent, count, context, last_failure_);
}

}  // namespace kevo::operators::llm
