#include "operators/llm/model_children.hpp"

#include "operators/child_lineage.hpp"
#include "operators/llm/kernel_reply.hpp"
#include "operators/llm/mutation_prompt.hpp"

namespace kevo::operators::llm {

std::vector<population::Variant> children_from_model(LlmService& service, const std::string& operator_name,
                                                     const std::vector<PromptPart>& parts,
                                                     const population::Variant& parent, int count,
                                                     OperatorContext& context, std::string& last_failure) {
  std::vector<population::Variant> children;
  std::vector<ChatMessage> prompt;
  try {
    prompt = fit_prompt(kernel_writer_system_prompt(), parts, service.max_prompt_tokens());
  } catch (const PromptTooLarge& error) {
    last_failure = error.what();
    service.record_failure({operator_name, "(none)", context.strategy}, "prompt too large");
    return children;  // the same prompt will not fit on a second try
  }
  for (int i = 0; i < count; ++i) {
    const std::optional<Answer> answer = service.ask(prompt, {operator_name, "", context.strategy}, &last_failure);
    if (!answer) continue;
    try {
      population::Variant child = parent;
      child.source = kernel_from_reply(answer->text, parent.source);
      set_lineage(child, {parent.content_hash()}, operator_name, context);
      child.lineage.strategy = context.strategy;
      children.push_back(std::move(child));
    } catch (const ReplyError& error) {
      last_failure = error.what();
      service.record_failure({operator_name, answer->endpoint, context.strategy}, "unusable reply");
    }
  }
  return children;
}

}  // namespace kevo::operators::llm
