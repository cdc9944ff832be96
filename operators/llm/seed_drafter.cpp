#include "operators/llm/seed_drafter.hpp"

#include <algorithm>

#include "operators/llm/draft_prompt.hpp"
#include "operators/llm/draft_reply.hpp"

namespace kevo::operators::llm {

namespace {

// One follow-up turn: a model that misread the format usually fixes it when
// told what was wrong; more turns mostly repeat the mistake.
constexpr int kTurnsPerDraft = 2;

bool same_kernel(const fitness::KernelDraft& a, const fitness::KernelDraft& b) {
  return a.source == b.source && a.launch_yaml == b.launch_yaml;
}

}  // namespace

std::vector<fitness::KernelDraft> SeedDrafter::draft(const fitness::Task& task, population::Language language,
                                                  int count) {
  std::vector<fitness::KernelDraft> seeds;
  std::vector<ChatMessage> prompt;
  try {
    prompt = fit_prompt(kernel_drafter_system_prompt(), draft_prompt_parts({task, language, hardware_facts_}),
                        service_.max_prompt_tokens());
  } catch (const PromptTooLarge& error) {
    failures_.push_back(error.what());
    service_.record_failure({kOperatorName, "(none)", ""}, "prompt too large");
    return seeds;
  }
  for (int i = 0; i < count && !service_.budget_spent(); ++i) {
    auto seed = one_draft(task, language, prompt, "draft" + std::to_string(seeds.size() + 1));
    if (!seed) continue;
    if (std::any_of(seeds.begin(), seeds.end(), [&](const auto& earlier) { return same_kernel(earlier, *seed); })) {
      failures_.push_back("draft " + std::to_string(i + 1) + " repeats an earlier one");
      continue;
    }
    seeds.push_back(std::move(*seed));
  }
  return seeds;
}

std::optional<fitness::KernelDraft> SeedDrafter::one_draft(const fitness::Task& task, population::Language language,
                                                        std::vector<ChatMessage> prompt, const std::string& name) {
  for (int turn = 0; turn < kTurnsPerDraft; ++turn) {
    std::string failure;
    const std::optional<Answer> answer = service_.ask(prompt, {kOperatorName, "", ""}, &failure);
    if (!answer) {
      failures_.push_back(failure);
      return std::nullopt;
    }
    try {
      return draft_from_reply(answer->text, task, name, language);
    } catch (const ReplyError& error) {
      failures_.push_back(error.what());
      service_.record_failure({kOperatorName, answer->endpoint, ""}, "unusable reply");
      prompt.push_back({"assistant", answer->text});
      prompt.push_back({"user", std::string("That reply could not be used: ") + error.what() +
                                    ". Reply again with the whole kernel in one code block and its launch plan "
                                    "in one ```yaml block."});
    }
  }
  return std::nullopt;
}

}  // namespace kevo::operators::llm
