#pragma once
// SeedDrafter ("llm_draft"): writes the first kernels of a task that has no
// seed, from its reference alone (KernelBench-style problems arrive that
// way). Each draft is one request; a reply that cannot be used (no plan, a
// plan the task refuses, a kernel the plan does not name) gets one follow-up
// turn that quotes the error, then is counted as a failure. Drafts are
// named draft1, draft2, ... in the order they were accepted; a draft equal
// to an earlier one is dropped. Compiling, checking and timing them is the
// island's job, as for any seed.
#include <string>
#include <vector>

#include "fitness/task.hpp"
#include "operators/llm/llm_service.hpp"

namespace kevo::operators::llm {

class SeedDrafter {
 public:
  static constexpr const char* kOperatorName = population::kDraftOperator;

  SeedDrafter(LlmService& service, std::string hardware_facts)
      : service_(service), hardware_facts_(std::move(hardware_facts)) {}

  // Up to `count` drafts in `language`, each accepted by
  // fitness::seed_from_draft; fewer (maybe none) when replies fail.
  std::vector<fitness::KernelDraft> draft(const fitness::Task& task, population::Language language, int count);
  // Why each failed request or reply failed, in order, for the error a
  // campaign gives when no draft was usable.
  const std::vector<std::string>& failures() const { return failures_; }

 private:
  std::optional<fitness::KernelDraft> one_draft(const fitness::Task& task, population::Language language,
                                             std::vector<ChatMessage> prompt, const std::string& name);

  LlmService& service_;
  std::string hardware_facts_;
  std::vector<std::string> failures_;
};

}  // namespace kevo::operators::llm
