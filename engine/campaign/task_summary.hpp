#pragma once
// TaskSummary: the outcome of one task in a run, stored in the archive's state
// ("task/<name>") so that reports and resumed runs read what was committed.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/budget.hpp"
#include "population/variant.hpp"

namespace kevo::engine {

struct TaskSummary {
  std::string task;
  bool done = false;               // false: interrupted, resume continues it
  std::string device_id;
  std::string best_id;
  std::string best_seed_family;
  population::KnobValues best_knobs;
  double speedup = 0;
  double seed_seconds = 0;
  double best_seconds = 0;
  double best_bytes_per_second = 0;          // at the bench size, from the task's formulas
  double best_flops_per_second = 0;
  std::optional<double> roofline_fraction;   // of the device's measured (or datasheet) roof
  std::string bound;                         // "memory", "compute", "latency" or ""
  // PyTorch problems (KernelBench format): PyTorch's own time on the same
  // device at the bench size, eager and torch.compile, and why not.
  std::optional<double> torch_eager_seconds;
  std::optional<double> torch_compile_seconds;
  std::string torch_note;                    // torch version and device, or why a baseline is missing
  BudgetCounters counters;
  double elapsed_seconds = 0;
  int migrants_sent = 0;
  int migrants_received = 0;
};

std::string task_summary_key(const std::string& task);
// The state key of what a task's strategy bandits learned (bandit_memory.hpp JSON).
std::string strategies_key(const std::string& task);
// The state key of the campaign's LLM accounting so far (usage_json.hpp), cumulative over its tasks.
nlohmann::json to_json(const TaskSummary& summary);
TaskSummary task_summary_from_json(const nlohmann::json& json);

}  // namespace kevo::engine
