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
  std::vector<PromptPart> parts = mutation_prompt_parts(brief);
  if (const std::string notes = relevant_notes(brief); !notes.empty()) {
    parts.insert(parts.end() - 1, {"Notes that may apply", notes});  // before the goal
  }
  return children_from_model(service_, name(), parts, parent, count, context, last_failure_);
}

// The device (first line of its facts), the parent's bound and the strategy
// with its description are the query.
std::string LlmMutation::relevant_notes(const MutationBrief& brief) const {
  if (notes_ == nullptr || notes_->size() == 0) return "";
  std::string query = hardware_facts_.substr(0, hardware_facts_.find('\n'));
  if (brief.measured != nullptr) query += " " + brief.measured->bound;
  if (brief.strategy != nullptr) query += " " + brief.strategy->name + " " + brief.strategy->description;
  std::string text;
  for (const Note* note : notes_->search(query, kNotesPerPrompt)) text += note->text + "\n";
  return text;
}

}  // namespace kevo::operators::llm
