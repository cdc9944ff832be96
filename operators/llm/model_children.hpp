#pragma once
// The loop every LLM operator shares: per child, fit the prompt to the
// endpoints' budget, ask the service, read the kernel out of the reply. A
// failed call or unusable reply yields no child and is counted against the
// operator, endpoint and strategy; nothing here throws for it.
#include <string>
#include <vector>

#include "operators/llm/llm_service.hpp"
#include "operators/llm/prompt_budget.hpp"
#include "operators/operator.hpp"

namespace kevo::operators::llm {

// Children of `parent` (same knobs and plan, new source) with lineage
// (operator_name, context's generation, island and strategy). `last_failure`
// receives the text of the last failure.
std::vector<population::Variant> children_from_model(LlmService& service, const std::string& operator_name,
                                                     const std::vector<PromptPart>& parts,
                                                     const population::Variant& parent, int count,
                                                     OperatorContext& context, std::string& last_failure);

}  // namespace kevo::operators::llm
