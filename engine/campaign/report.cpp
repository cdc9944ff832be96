#include "engine/campaign/report.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "engine/campaign/campaign.hpp"
#include "engine/campaign/counter_report.hpp"
#include "engine/campaign/device_report.hpp"
#include "engine/distributed/rank_layout.hpp"
#include "engine/progress.hpp"
#include "engine/run_store.hpp"
#include "operators/bandit/bandit_memory.hpp"
#include "operators/llm/usage_json.hpp"

namespace kevo::engine {
namespace {

std::string rank_row(const std::string& shard, const TaskSummary& t) {
  char line[512];
  const double rate = t.elapsed_seconds > 0 ? static_cast<double>(t.counters.evaluations) / t.elapsed_seconds : 0;
  std::snprintf(line, sizeof line, "| %s | %s | %s | %lld | %s | %.2f | %d | %d | %s |\n", shard.c_str(),
                t.task.c_str(), t.device_id.c_str(), static_cast<long long>(t.counters.evaluations),
                format_duration(t.elapsed_seconds).c_str(), rate, t.migrants_sent, t.migrants_received,
                format_speedup(t.speedup).c_str());
  return line;
}

std::string milliseconds(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", seconds * 1e3);
  return text;
}

std::string rate(double per_second, double unit) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", per_second / unit);
  return text;
}

// "93% memory": the fraction of the roof the best variant reached, and what bounds it.
std::string roofline(const TaskSummary& t) {
  if (!t.roofline_fraction) return "n/a";
  char text[48];
  std::snprintf(text, sizeof text, "%.0f%% %s", 100 * *t.roofline_fraction, t.bound.c_str());
  return text;
}

}  // namespace

std::string render_report(const std::string& campaign_name, const std::vector<TaskSummary>& tasks) {
  std::ostringstream out;
  out << "# kevo run: " << campaign_name << "\n\n"
      << "Speedups are ratios of median times at the bench size, seed and best variant measured on the "
         "same device in the same run.\n\n"
      << "| task | state | device | seed ms | best ms | speedup | GB/s | TFLOP/s | roofline | best (family: knobs) | "
         "evaluations | failed | reused | duplicates | wall |\n"
      << "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& t : tasks) {
    const std::string speedup = format_speedup(t.speedup);
    out << "| " << t.task << " | " << (t.done ? "done" : "interrupted") << " | " << t.device_id << " | "
        << milliseconds(t.seed_seconds) << " | " << milliseconds(t.best_seconds) << " | " << speedup << " | " << rate(t.best_bytes_per_second, 1e9)
        << " | " << rate(t.best_flops_per_second, 1e12) << " | " << roofline(t) << " | "
        << t.best_seed_family << ": " << population::knobs_to_text(t.best_knobs) << " | " << t.counters.evaluations << " | "
        << format_failures(t.counters) << " | " << t.counters.archive_hits << " | " << t.counters.duplicates
        << " | " << format_duration(t.elapsed_seconds) << " |\n";
  }
  return out.str();
}

// KernelBench-style problems: kevo's kernels against PyTorch on the same
// device, the way the field reports them (fast_1: correct and faster than eager).
std::string render_torch_table(const std::vector<TaskSummary>& tasks) {
  std::ostringstream rows;
  std::string notes;
  for (const auto& t : tasks) {
    if (!t.torch_eager_seconds) {
      if (!t.torch_note.empty()) notes += "- " + t.task + ": " + t.torch_note + "\n";
      continue;
    }
    const double eager = *t.torch_eager_seconds;
    const auto over = [](double base, double seconds) { return seconds > 0 ? format_speedup(base / seconds) : "n/a"; };
    rows << "| " << t.task << " | " << milliseconds(eager) << " | "
         << (t.torch_compile_seconds ? milliseconds(*t.torch_compile_seconds) : "n/a") << " | "
         << milliseconds(t.seed_seconds) << " | " << milliseconds(t.best_seconds) << " | " << over(eager, t.seed_seconds)
         << " | " << over(eager, t.best_seconds) << " | "
         << (t.torch_compile_seconds ? over(*t.torch_compile_seconds, t.best_seconds) : "n/a") << " | "
         << (t.best_seconds > 0 && t.best_seconds < eager ? "yes" : "no") << " | " << t.torch_note << " |\n";
  }
  if (rows.str().empty() && notes.empty()) return "";
  std::string text = "\n## Against PyTorch\n\nThe problem's PyTorch model timed on the same device at the bench size "
                     "(median of flushed samples, CUDA events), eager and torch.compile. fast_1: the best kernel is "
                     "correct and faster than eager.\n\n";
  if (!rows.str().empty()) {
    text += "| task | eager ms | torch.compile ms | seed ms | best ms | seed vs eager | best vs eager | "
            "best vs torch.compile | fast_1 | PyTorch |\n|---|---|---|---|---|---|---|---|---|---|\n" + rows.str();
  }
  return text + (notes.empty() ? "" : "\n" + notes);
}

std::string render_cost_table(const std::vector<TaskSummary>& tasks) {
  std::ostringstream out;
  out << "\n## Where the evaluation time went\n\n"
         "Mean wall seconds per fresh evaluation, on the host driving the device: compiling, drawing inputs, "
         "the reference's outputs, the candidate's checked runs and its timing runs (copies included), and "
         "verifying outputs. Evaluations run in batches, so compile time overlaps across a batch.\n\n"
         "| task | evaluations/s | compile | inputs | reference | check runs | timing runs | verify |\n"
         "|---|---|---|---|---|---|---|---|\n";
  for (const auto& t : tasks) {
    const auto n = static_cast<double>(std::max<std::int64_t>(t.counters.evaluations, 1));
    const auto& c = t.counters.cost;
    char line[256];
    std::snprintf(line, sizeof line, "| %s | %.2f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |\n", t.task.c_str(),
                  t.elapsed_seconds > 0 ? static_cast<double>(t.counters.evaluations) / t.elapsed_seconds : 0.0,
                  t.counters.compile_seconds / n, c.inputs_seconds / n, c.reference_seconds / n,
                  c.check_runs_seconds / n, c.timing_runs_seconds / n, c.verify_seconds / n);
    out << line;
  }
  return out.str();
}

std::string render_llm_table(const std::map<operators::llm::UsageKey, operators::llm::Usage>& usage) {
  if (usage.empty()) return "";
  std::ostringstream out;
  out << "\n## LLM calls\n\nPer operator, endpoint and strategy: calls sent, tokens in and out, cost from the "
         "endpoints' price table, mean latency of answered calls, transient failures (429, 5xx, network) retried away before an answer, and failures by reason (calls that failed, and "
         "answers with no usable kernel).\n\n"
         "| operator | endpoint | strategy | calls | tokens in | tokens out | cost | mean latency s | retries | failures |\n"
         "|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& [key, u] : usage) {
    std::string failures;
    for (const auto& [reason, count] : u.failures) failures += (failures.empty() ? "" : ", ") + reason + " " + std::to_string(count);
    long long failed_calls = 0;
    for (const auto& [reason, count] : u.failures) failed_calls += count;
    const long long answered = std::max<long long>(u.calls - failed_calls, 1);
    char line[512];
    std::snprintf(line, sizeof line, "| %s | %s | %s | %lld | %lld | %lld | %.4f | %.2f | %lld | %s |\n",
                  key.operator_name.c_str(), key.endpoint.c_str(), key.strategy.empty() ? "-" : key.strategy.c_str(),
                  u.calls, u.prompt_tokens, u.completion_tokens, u.cost, u.latency_seconds / static_cast<double>(answered), u.retries,
                  failures.empty() ? "none" : failures.c_str());
    out << line;
  }
  return out.str();
}

std::string render_strategy_tables(const std::vector<operators::bandit::LearnedArm>& arms) {
  if (arms.empty()) return "";
  std::map<std::string, std::vector<const operators::bandit::LearnedArm*>> by_hardware;
  for (const auto& arm : arms) by_hardware[arm.context.hardware].push_back(&arm);
  std::ostringstream out;
  out << "\n## What the strategy bandit learned\n\n"
         "Gain is the reward: log2 of the child's speedup over its parent, clipped to [0, 1] (0 for a "
         "failed or slower child). Success: the child was faster.\n";
  for (const auto& [hardware, rows] : by_hardware) {
    out << "\n### " << hardware << "\n\n| parent bound | family | strategy | tries | success rate | mean gain |\n"
        << "|---|---|---|---|---|---|\n";
    for (const auto* arm : rows) {
      const auto& s = arm->statistics;
      char line[160];
      std::snprintf(line, sizeof line, "| %s | %s | %s | %.0f | %.0f%% | %.3f |\n",
                    arm->context.bound.empty() ? "(none)" : arm->context.bound.c_str(), arm->family.c_str(),
                    arm->strategy.c_str(), s.tries, s.tries > 0 ? 100 * s.successes / s.tries : 0.0, s.mean());
      out << line;
    }
  }
  return out.str();
}

// A distributed run has one archive shard per rank: the report reads them all.
std::string write_report(const std::filesystem::path& run_dir) {
  const auto config = load_run_config(run_dir);
  const auto archives = run_archives(run_dir);
  std::vector<TaskSummary> tasks;
  std::vector<operators::bandit::LearnedArm> learned;
  std::map<operators::llm::UsageKey, operators::llm::Usage> llm_usage;
  std::vector<std::string> failures;
  std::string rank_rows;
  for (const auto& path : archives) {
    RunStore store(path);
    for (const auto& name : config.tasks) {
      if (auto state = store.state(task_summary_key(name))) {
        tasks.push_back(task_summary_from_json(*state));
        if (archives.size() > 1) rank_rows += rank_row(path.stem().string(), tasks.back());
      }
      if (auto state = store.state(strategies_key(name)))
        learned = operators::bandit::merge_arms(learned, operators::bandit::arms_from_json(*state));
    }
    if (auto state = store.state(operators::llm::kUsageStateKey))
      llm_usage = operators::llm::add_usage(llm_usage, operators::llm::usage_from_json(*state));
    if (auto state = store.state("rank_failure"))
      failures.push_back(path.stem().string() + ": " + state->value("device", "") + ", task " +
                         state->value("task", "") + ": " + state->value("error", ""));
  }
  std::string text = render_report(config.name, tasks) + render_torch_table(tasks) + render_cost_table(tasks) +
                     render_counter_section(config, archives) + render_strategy_tables(learned) +
                     render_llm_table(llm_usage);
  if (archives.size() > 1) {
    text += "\n## Ranks\n\nOne row per rank and task: each rank measures on its own device and spends its own "
            "budget; migrants cross ranks with no barrier.\n\n| shard | task | device | evaluations | wall | "
            "evaluations/s | migrants out | migrants in | best |\n|---|---|---|---|---|---|---|---|---|\n" +
            rank_rows;
    text += render_device_tables(read_device_tables(archives, config.tasks));
  }
  if (!failures.empty()) {
    text += "\n## Failed ranks\n\nTheir work up to the failure is kept in their shards.\n\n";
    for (const auto& failure : failures) text += "- " + failure + "\n";
  }
  std::ofstream(run_dir / "report.md") << text;
  return text;
}

}  // namespace kevo::engine
