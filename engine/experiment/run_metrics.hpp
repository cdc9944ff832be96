#pragma once
// RunMetrics: how one search run progressed, read from its archive's history
// at evaluation milestones. speedup@k is the best correct variant within the
// first k evaluations over the run's seed (the seed itself counts, so it
// starts near 1); pass@k and the correctness rate count only what the search
// proposed, never the seeds.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "population/archive.hpp"

namespace kevo::engine {

struct MilestoneRow {
  std::int64_t evaluations = 0;      // the milestone k
  std::int64_t evaluations_run = 0;  // min(k, evaluations the run made): a run cut short by its wall budget carries forward
  std::int64_t proposed = 0;         // of those, evaluations of variants the search proposed (not seeds)
  std::int64_t correct = 0;          // of the proposed, the correct ones
  double best_speedup = 0;
  double best_seconds = 0;
  std::optional<double> roofline_fraction;  // of the best so far
  std::string bound;                        // of the best so far
  double search_seconds = 0;  // after the first stored evaluation (the seeds), when the k-th was stored
};

struct RunMetrics {
  double seed_seconds = 0;
  // The fastest seed of the run: a task with several hand-written seeds is
  // already fast after them, and best_seed_seconds / best_seconds is what
  // the search itself added.
  double best_seed_seconds = 0;
  std::vector<MilestoneRow> rows;  // one per milestone
  std::optional<std::int64_t> evaluations_to_target;  // first k whose best reaches the target speedup
  std::optional<double> seconds_to_target;
};

// `seed_seconds` is the run's baseline (its task summary); `milestones` rise.
RunMetrics run_metrics(const std::vector<population::HistoryEntry>& history, double seed_seconds,
                       const std::vector<std::int64_t>& milestones, double target_speedup);

}  // namespace kevo::engine
