#include "operators/llm/llm_mutation.hpp"

#include "operators/child_lineage.hpp"
#include "operators/llm/kernel_reply.hpp"
#include "operators/llm/mutation_prompt.hpp"
#include "operators/required_parent.hpp"

namespace kevo::operators::llm {

std::vector<population::Variant> LlmMutation::apply(const std::vector<Parent>& parents, int count,
                                                    OperatorContext& context) {
  const population::Variant& parent = required_parent(parents, 0, name());
  const strategy::Strategy* chosen =
      catalogue_ != nullptr && !context.strategy.empty() ? catalogue_->find(context.strategy) : nullptr;
  const MutationBrief brief{context.task, parent, parents.front().evaluation, chosen};
  const UsageKey key{name(), "", context.strategy};
  std::vector<population::Variant> children;
  for (int i = 0; i < count; ++i) {
    std::vector<ChatMessage> prompt;
    try {
      prompt = fit_prompt(kernel_writer_system_prompt(), mutation_prompt_parts(brief), service_.max_prompt_tokens());
    } catch (const PromptTooLarge& error) {
      last_failure_ = error.what();
      service_.record_failure({name(), "(none)", context.strategy}, "prompt too large");
      break;  // the same prompt will not fit on a second try
    }
    const std::optional<Answer> answer = service_.ask(prompt, key, &last_failure_);
    if (!answer) continue;
    try {
      population::Variant child = parent;
      child.source = kernel_from_reply(answer->text, parent.source);
      set_lineage(child, {parent.content_hash()}, name(), context);
      child.lineage.strategy = context.strategy;
      children.push_back(std::move(child));
    } catch (const ReplyError& error) {
      last_failure_ = error.what();
      service_.record_failure({name(), answer->endpoint, context.strategy}, "unusable reply");
    }
  }
  return children;
}

}  // namespace kevo::operators::llm
