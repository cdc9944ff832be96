#pragma once
// What an LLM is told when asked to improve one kernel: the task and its
// interface, the reference, the parent's source and what was measured for
// it (time, rates, roofline position, resources), the strategy the bandit
// chose with its description, and the reply format kernel_from_reply reads.
#include <string>
#include <vector>

#include "fitness/task.hpp"
#include "operators/llm/prompt_budget.hpp"
#include "operators/strategy/strategy_catalogue.hpp"
#include "population/evaluation.hpp"
#include "population/variant.hpp"

namespace kevo::operators::llm {

struct MutationBrief {
  const fitness::Task& task;
  const population::Variant& parent;
  const population::Evaluation* measured = nullptr;  // null when not yet measured
  const strategy::Strategy* strategy = nullptr;      // null: the model chooses
  std::string hardware_facts;                        // "" when the device has no profile
};

std::string kernel_writer_system_prompt();
std::vector<PromptPart> mutation_prompt_parts(const MutationBrief& brief);

// For combining two parents: both sources and measurements; the child
// keeps the first parent's family, knobs and launch plan.
std::vector<PromptPart> crossover_prompt_parts(const MutationBrief& first, const MutationBrief& second);

// For repairing a child that failed (`brief.measured` holds its status and
// verbatim error): the task, the failed source and what went wrong.
std::vector<PromptPart> repair_prompt_parts(const MutationBrief& brief);

}  // namespace kevo::operators::llm
