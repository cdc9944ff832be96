#pragma once
// What an LLM is told when a task has no seed kernel and it must write the
// first one from the reference alone: the task, the reference (C++ or a
// PyTorch problem), how kevo calls a kernel in the target language, the
// launch-plan format with the task's own names, and the device. The reply
// carries two blocks, the kernel and its launch plan (draft_reply.hpp).
#include <string>
#include <vector>

#include "fitness/task.hpp"
#include "operators/llm/prompt_budget.hpp"

namespace kevo::operators::llm {

struct DraftBrief {
  const fitness::Task& task;
  population::Language language;  // the device's: cuda, hip or cpp
  std::string hardware_facts;     // "" when the device has no profile
};

std::string kernel_drafter_system_prompt();
std::vector<PromptPart> draft_prompt_parts(const DraftBrief& brief);

}  // namespace kevo::operators::llm
