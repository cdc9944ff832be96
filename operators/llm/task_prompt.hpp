#pragma once
// The prompt parts every kernel-writing request shares: the task with its
// interface and sizes, and the reference that defines the correct result
// (C++ or a PyTorch problem, fenced in its own language).
#include <string>

#include "fitness/task.hpp"
#include "operators/llm/prompt_budget.hpp"

namespace kevo::operators::llm {

// "```<language>\n<source>\n```", with exactly one newline before the fence.
std::string fenced(const std::string& language, const std::string& source);
// The fence tag of a kernel language ("cuda", "hip", "cpp").
std::string language_tag(population::Language language);

// "Task: <name>": description, parameters in order, tensors, bench size. Required.
PromptPart task_part(const fitness::Task& task);
// The reference's source; dropped before the task or the parent when space runs out.
PromptPart reference_part(const fitness::Task& task);

}  // namespace kevo::operators::llm
