#include "engine/experiment/run_metrics.hpp"

#include <algorithm>
#include <stdexcept>

namespace kevo::engine {
namespace {

// The running state of a walk through the history.
struct SoFar {
  MilestoneRow row;
  const population::Evaluation* best = nullptr;

  void add(const population::HistoryEntry& entry, double seed_seconds) {
    const auto& evaluation = entry.evaluation;
    ++row.evaluations_run;
    row.search_seconds = entry.stored_seconds;
    const bool proposed = !population::is_seed_operator(entry.operator_name);
    if (proposed) ++row.proposed;
    if (!evaluation.ok() || !evaluation.bench_seconds()) return;
    if (proposed) ++row.correct;
    if (best == nullptr || *evaluation.bench_seconds() < *best->bench_seconds()) {
      best = &evaluation;
      row.best_seconds = *evaluation.bench_seconds();
      row.best_speedup = seed_seconds / row.best_seconds;
      row.roofline_fraction = evaluation.roofline_fraction;
      row.bound = evaluation.bound;
    }
  }
};

double fastest_seed(const std::vector<population::HistoryEntry>& history, double baseline) {
  double fastest = baseline;
  for (const auto& entry : history)
    if (population::is_seed_operator(entry.operator_name) && entry.evaluation.ok() && entry.evaluation.bench_seconds())
      fastest = std::min(fastest, *entry.evaluation.bench_seconds());
  return fastest;
}

}  // namespace

RunMetrics run_metrics(const std::vector<population::HistoryEntry>& history, double seed_seconds,
                       const std::vector<std::int64_t>& milestones, double target_speedup) {
  if (seed_seconds <= 0) throw std::invalid_argument("run_metrics: the run has no seed time");
  RunMetrics metrics;
  metrics.seed_seconds = seed_seconds;
  metrics.best_seed_seconds = fastest_seed(history, seed_seconds);
  SoFar so_far;
  std::size_t next = 0;
  for (const auto& entry : history) {
    so_far.add(entry, seed_seconds);
    const auto k = so_far.row.evaluations_run;
    if (!metrics.evaluations_to_target && so_far.row.best_speedup >= target_speedup) {
      metrics.evaluations_to_target = k;
      metrics.seconds_to_target = so_far.row.search_seconds;
    }
    for (; next < milestones.size() && milestones[next] == k; ++next) {
      metrics.rows.push_back(so_far.row);
      metrics.rows.back().evaluations = k;
    }
  }
  for (; next < milestones.size(); ++next) {  // the run stopped short: carry its last state forward
    metrics.rows.push_back(so_far.row);
    metrics.rows.back().evaluations = milestones[next];
  }
  return metrics;
}

}  // namespace kevo::engine
