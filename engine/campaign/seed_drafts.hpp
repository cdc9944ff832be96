#pragma once
// Seeds for a task whose task.yaml declares none (an imported KernelBench
// problem, say): the campaign's LLM drafts them from the reference before
// the islands start (operators/llm/seed_drafter.hpp), and they become the
// task's seeds for this run. They are committed to the run's archive, so a
// resumed run starts from the same drafts instead of asking again, and
// written under <run>/drafts/<task>/ as files plus a `seeds:` block the
// user can paste into task.yaml to keep them.
#include <filesystem>
#include <string>

#include "engine/progress.hpp"
#include "engine/run_store.hpp"
#include "fitness/task.hpp"
#include "operators/llm/llm_service.hpp"

namespace kevo::engine {

struct DraftSetup {
  RunStore& store;
  operators::llm::LlmService* llm;  // null when the campaign has no LLM operator
  int count = 4;                    // llm.drafts
  population::Language language = population::Language::cuda;  // the device's
  std::string hardware_facts;
  std::filesystem::path folder;     // where the drafts are written as files
  Progress& progress;
};

// `task` unchanged when it has seeds; else with drafted ones. Throws
// std::runtime_error naming the task when there is no LLM to draft with or
// when no reply gave a usable kernel.
fitness::Task with_drafted_seeds(fitness::Task task, const DraftSetup& setup);

// The archive state key of a task's drafts.
std::string drafts_state_key(const std::string& task);

}  // namespace kevo::engine
