#include "engine/campaign/counter_report.hpp"

#include <cstdio>
#include <optional>
#include <sstream>

#include "engine/campaign/task_summary.hpp"
#include "engine/run_store.hpp"
#include "fitness/profile/counter_diagnosis.hpp"
#include "fitness/task.hpp"

namespace kevo::engine {

namespace {

std::optional<fitness::Task> load_task_quietly(const CampaignConfig& config, const std::string& name) {
  try {
    return fitness::load_task(config.task_dir / name);
  } catch (const std::exception&) {
    return std::nullopt;  // moved or edited since the run: the section says so per row
  }
}

std::string role_of(const population::HistoryEntry& entry, const population::Variant& variant,
                    const std::string& best_id) {
  if (entry.evaluation.variant_id == best_id) return "best";
  if (population::is_seed_operator(entry.operator_name)) return "seed " + variant.seed_name;
  return "generation best (" + variant.seed_name + ")";
}

std::string row(const std::string& task, const std::string& role, const population::Evaluation& e,
                const fitness::profile::CounterDiagnosis& d) {
  const fitness::profile::MeasuredCounters& m = d.counters;
  char ratio[32] = "-";
  if (d.traffic_ratio > 0) std::snprintf(ratio, sizeof ratio, "%.2fx", d.traffic_ratio);
  char line[640];
  std::snprintf(line, sizeof line,
                "| %s | %s | %.4f | %.1f | %.1f | %s | %.0f%% | %.0f%% | %s | %s | %.2f s / %d passes |\n",
                task.c_str(), role.c_str(), e.bench_seconds().value_or(0) * 1e3, d.formula_bytes / 1e6,
                m.dram_bytes() / 1e6, ratio, 100 * m.achieved_occupancy, 100 * m.l2_hit_rate,
                e.counters->bound_by_formula.empty() ? "-" : e.counters->bound_by_formula.c_str(),
                d.finer_bound().c_str(),
                e.counters->collection_seconds, e.counters->passes);
  return line;
}

}  // namespace

std::string render_counter_section(const CampaignConfig& config, const std::vector<std::filesystem::path>& archives) {
  std::ostringstream rows;
  std::ostringstream best_limits;
  for (const auto& path : archives) {
    RunStore store(path);
    for (const std::string& name : config.tasks) {
      const std::optional<fitness::Task> task = load_task_quietly(config, name);
      std::string best_id;
      if (auto state = store.state(task_summary_key(name))) best_id = task_summary_from_json(*state).best_id;
      const auto history = store.with_archive([&](population::Archive& archive) { return archive.history(name); });
      for (const population::HistoryEntry& entry : history) {
        const population::Evaluation& e = entry.evaluation;
        if (!e.counters || e.counters->kernels.empty()) continue;
        const double formula = task ? fitness::profile::formula_bytes(*task) : 0;
        auto diagnosis = fitness::profile::diagnose(*e.counters, formula, e.resources);
        if (!e.bound.empty()) diagnosis.bound = e.bound;  // as diagnose(evaluation, task) does
        const auto variant = store.find_variant(e.variant_id);
        rows << row(name, variant ? role_of(entry, *variant, best_id) : e.variant_id.substr(0, 12), e, diagnosis);
        if (e.variant_id == best_id) {
          best_limits << "\nWhat limits " << name << "'s best variant:\n\n"
                      << fitness::profile::limiter_summary(diagnosis, 3);
        }
      }
    }
  }
  if (rows.str().empty()) return "";
  return "\n## Hardware counters\n\n"
         "Variants whose counters were read (CUPTI, in runs of their own after timing; `evaluation.counters`). "
         "Formula MB is the task's bytes formula at the bench size, measured MB the DRAM bytes read and written; "
         "the bound before is the roofline's from the formulas, after is the roofline's at the measured bytes "
         "followed by the counters' top limiter (the strategy bandit's context).\n\n"
         "| task | variant | ms | formula MB | measured MB | measured/formula | occupancy | L2 hit | bound before | "
         "bound after | profiling cost |\n|---|---|---|---|---|---|---|---|---|---|---|\n" +
         rows.str() + best_limits.str();
}

}  // namespace kevo::engine
