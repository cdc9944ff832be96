#pragma once
// report.md of a run, written from the task summaries committed in its archive.
#include <filesystem>
#include <string>
#include <vector>

#include "engine/campaign/task_summary.hpp"
#include "operators/bandit/hierarchical_bandit.hpp"
#include "operators/llm/llm_service.hpp"

namespace kevo::engine {

std::string render_report(const std::string& campaign_name, const std::vector<TaskSummary>& tasks);
// Mean seconds per evaluation in each phase (EvaluationCost), per task.
std::string render_cost_table(const std::vector<TaskSummary>& tasks);
// PyTorch problems: eager and torch.compile times beside the seed and best ("" when none).
std::string render_torch_table(const std::vector<TaskSummary>& tasks);
// LLM calls, tokens, cost, latency and failures per operator, endpoint and strategy ("" when none).
std::string render_llm_table(const std::map<operators::llm::UsageKey, operators::llm::Usage>& usage);
// One table per device of what the strategy bandit learned ("" when nothing).
std::string render_strategy_tables(const std::vector<operators::bandit::LearnedArm>& arms);
// Reads every task summary in runs/<name>/archive.sqlite, writes report.md, returns its text.
std::string write_report(const std::filesystem::path& run_dir);

}  // namespace kevo::engine
