#pragma once
// BudgetLedger: the evaluation budget of one task, shared by all its islands.
// The budget counts evaluations actually run on a device. Archive hits and
// duplicate proposals cost no budget, but they are counted and reported, so a
// method that keeps proposing what it has seen shows it.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

#include "engine/search_config.hpp"
#include "population/evaluation.hpp"

namespace kevo::engine {

struct BudgetCounters {
  std::int64_t evaluations = 0;       // run on the device (what the budget counts)
  std::int64_t archive_hits = 0;      // already evaluated on this device: reused
  std::int64_t duplicates = 0;        // proposals redrawn because already seen
  std::array<std::int64_t, 6> by_status{};  // indexed by EvalStatus, fresh evaluations only
  double compile_seconds = 0;                // summed over fresh evaluations
  population::EvaluationCost cost;           // summed over fresh evaluations
};

class BudgetLedger {
 public:
  BudgetLedger(Budget budget, BudgetCounters already_spent, double elapsed_before_seconds);

  // Grants up to `wanted` fresh evaluations (fewer near the end, 0 when spent).
  int reserve(int wanted);
  // Grants `count` evaluations whatever is left: for what a run cannot do
  // without (the seed baseline). Only a budget smaller than the seeds overruns.
  void reserve_required(int count);
  // Returns reserved evaluations that were not run.
  void release(int unused);
  // Consumes one reservation for an evaluation that ran, and adds its cost.
  void record(const population::Evaluation& evaluation);
  void record_archive_hits(int count);
  void record_duplicates(int count);

  bool exhausted() const;
  double elapsed_seconds() const;
  BudgetCounters counters() const;
  const Budget& budget() const { return budget_; }

 private:
  Budget budget_;
  mutable std::mutex mutex_;
  BudgetCounters counters_;
  std::int64_t reserved_ = 0;
  double elapsed_before_ = 0;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace kevo::engine
