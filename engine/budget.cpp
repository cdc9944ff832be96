#include "engine/budget.hpp"

#include <algorithm>

namespace kevo::engine {

BudgetLedger::BudgetLedger(Budget budget, BudgetCounters already_spent, double elapsed_before_seconds)
    : budget_(budget), counters_(already_spent), elapsed_before_(elapsed_before_seconds) {}

int BudgetLedger::reserve(int wanted) {
  if (wanted <= 0) return 0;
  std::lock_guard lock(mutex_);
  if (budget_.wall_seconds > 0 && elapsed_seconds() >= budget_.wall_seconds) return 0;
  if (budget_.evaluations <= 0) {
    reserved_ += wanted;
    return wanted;
  }
  const auto left = budget_.evaluations - counters_.evaluations - reserved_;
  const int granted = static_cast<int>(std::clamp<std::int64_t>(left, 0, wanted));
  reserved_ += granted;
  return granted;
}

void BudgetLedger::reserve_required(int count) {
  std::lock_guard lock(mutex_);
  reserved_ += count;
}

void BudgetLedger::release(int unused) {
  std::lock_guard lock(mutex_);
  reserved_ -= std::min<std::int64_t>(unused, reserved_);
}

void BudgetLedger::record(const population::Evaluation& evaluation) {
  std::lock_guard lock(mutex_);
  ++counters_.evaluations;
  ++counters_.by_status[static_cast<std::size_t>(evaluation.status)];
  counters_.compile_seconds += evaluation.compile_seconds;
  counters_.cost += evaluation.cost;
  if (reserved_ > 0) --reserved_;
}

void BudgetLedger::record_archive_hits(int count) {
  std::lock_guard lock(mutex_);
  counters_.archive_hits += count;
}

void BudgetLedger::record_duplicates(int count) {
  std::lock_guard lock(mutex_);
  counters_.duplicates += count;
}

bool BudgetLedger::exhausted() const {
  std::lock_guard lock(mutex_);
  if (budget_.wall_seconds > 0 && elapsed_seconds() >= budget_.wall_seconds) return true;
  return budget_.evaluations > 0 && counters_.evaluations + reserved_ >= budget_.evaluations;
}

double BudgetLedger::elapsed_seconds() const {
  const std::chrono::duration<double> since = std::chrono::steady_clock::now() - started_;
  return elapsed_before_ + since.count();
}

BudgetCounters BudgetLedger::counters() const {
  std::lock_guard lock(mutex_);
  return counters_;
}

}  // namespace kevo::engine
