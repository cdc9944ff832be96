#pragma once
// Reading a drafted seed out of a model's reply, strictly: exactly one
// ```yaml block (the launch plan) and exactly one other block (the kernel).
// The plan is checked against the task at every size by the task loader's
// own launch reader, so a refused plan comes back with the key and line
// that are wrong, which is what the model is told on its second try.
#include <string>

#include "fitness/task.hpp"
#include "operators/llm/kernel_reply.hpp"

namespace kevo::operators::llm {

// The draft `name` in `language`, checked by fitness::seed_from_draft;
// throws ReplyError naming what was wrong.
fitness::KernelDraft draft_from_reply(const std::string& reply, const fitness::Task& task, const std::string& name,
                                  population::Language language);

}  // namespace kevo::operators::llm
