#include "catch_compat.hpp"
#include "engine/budget.hpp"

using kevo::engine::BudgetLedger;
using kevo::population::EvalStatus;
using kevo::population::Evaluation;

namespace {
Evaluation finished(EvalStatus status, double reference_seconds = 0, double compile_seconds = 0) {
  Evaluation evaluation;
  evaluation.status = status;
  evaluation.cost.reference_seconds = reference_seconds;
  evaluation.compile_seconds = compile_seconds;
  return evaluation;
}
}  // namespace

TEST_CASE("the budget grants evaluations until it is spent, never beyond", "[budget]") {
  BudgetLedger ledger({5, 0}, {}, 0);
  CHECK(ledger.reserve(3) == 3);
  CHECK(ledger.reserve(3) == 2);  // only 2 left
  CHECK(ledger.exhausted());
  for (int i = 0; i < 4; ++i) ledger.record(finished(EvalStatus::ok, 0.5, 0.25));
  ledger.record(finished(EvalStatus::crash));
  CHECK(ledger.reserve(1) == 0);
  const auto counters = ledger.counters();
  CHECK(counters.evaluations == 5);
  CHECK(counters.by_status[static_cast<int>(EvalStatus::crash)] == 1);
  CHECK(counters.cost.reference_seconds == 2.0);  // costs add up, for the report's breakdown
  CHECK(counters.compile_seconds == 1.0);
}

TEST_CASE("released reservations return to the budget, hits and duplicates cost nothing", "[budget]") {
  BudgetLedger ledger({4, 0}, {}, 0);
  CHECK(ledger.reserve(4) == 4);
  ledger.release(2);
  ledger.record_archive_hits(10);
  ledger.record_duplicates(7);
  CHECK_FALSE(ledger.exhausted());
  CHECK(ledger.reserve(5) == 2);
  CHECK(ledger.counters().archive_hits == 10);
  CHECK(ledger.counters().duplicates == 7);
}

TEST_CASE("a resumed ledger starts from what was spent", "[budget]") {
  kevo::engine::BudgetCounters spent;
  spent.evaluations = 9;
  BudgetLedger ledger({10, 0}, spent, 12.0);
  CHECK(ledger.reserve(5) == 1);
  CHECK(ledger.elapsed_seconds() >= 12.0);
}

TEST_CASE("a wall-time budget stops granting once elapsed", "[budget]") {
  BudgetLedger ledger({0, 1.0}, {}, 2.0);  // 2 s already spent of 1 s
  CHECK(ledger.exhausted());
  CHECK(ledger.reserve(1) == 0);
}
