#include "catch_compat.hpp"
#include "engine/experiment/run_metrics.hpp"

using kevo::engine::run_metrics;
using kevo::population::EvalStatus;
using kevo::population::HistoryEntry;

namespace {

HistoryEntry entry(const std::string& op, EvalStatus status, double seconds, double stored, double roofline = 0) {
  HistoryEntry e;
  e.operator_name = op;
  e.evaluation.status = status;
  if (status == EvalStatus::ok) e.evaluation.timings.push_back({"n=1", seconds, 0.01, {}, 0});
  if (roofline > 0) e.evaluation.roofline_fraction = roofline;
  e.evaluation.bound = "memory";
  e.stored_seconds = stored;
  return e;
}

}  // namespace

TEST_CASE("run metrics read a search's progress at milestones", "[experiment]") {
  const std::vector<HistoryEntry> history{
      entry("seed", EvalStatus::ok, 0.010, 0, 0.2),
      entry("seed", EvalStatus::ok, 0.008, 0, 0.25),  // a second, faster seed family
      entry("knob_mutation", EvalStatus::wrong_result, 0, 1),
      entry("knob_mutation", EvalStatus::ok, 0.008, 2, 0.25),
      entry("knob_crossover", EvalStatus::compile_error, 0, 3),
      entry("knob_mutation", EvalStatus::ok, 0.004, 4, 0.5),
      entry("knob_mutation", EvalStatus::ok, 0.005, 5, 0.4),
  };
  const auto m = run_metrics(history, 0.010, {1, 3, 4, 6, 7, 9}, 2.0);
  REQUIRE(m.rows.size() == 6);
  CHECK(m.best_seed_seconds == Approx(0.008));  // what the search adds is measured from here

  CHECK(m.rows[0].evaluations == 1);  // the seed alone: speedup 1, nothing proposed yet
  CHECK(m.rows[0].best_speedup == Approx(1.0));
  CHECK(m.rows[0].proposed == 0);
  CHECK(m.rows[0].correct == 0);

  CHECK(m.rows[1].proposed == 1);  // one wrong proposal: no pass yet
  CHECK(m.rows[1].correct == 0);
  CHECK(m.rows[1].best_speedup == Approx(1.25));  // the second seed
  CHECK(*m.rows[1].roofline_fraction == Approx(0.25));

  CHECK(m.rows[2].correct == 1);
  CHECK(m.rows[2].best_speedup == Approx(1.25));  // a proposal as fast as the best seed

  CHECK(m.rows[3].evaluations == 6);
  CHECK(m.rows[3].proposed == 4);
  CHECK(m.rows[3].correct == 2);
  CHECK(m.rows[3].best_speedup == Approx(2.5));
  CHECK(m.rows[3].best_seconds == Approx(0.004));
  CHECK(m.rows[3].search_seconds == Approx(4));

  CHECK(m.rows[4].best_speedup == Approx(2.5));  // a slower correct variant does not change the best
  CHECK(m.rows[4].correct == 3);

  // The run made 7 evaluations; milestone 9 carries its last state forward and says so.
  CHECK(m.rows[5].evaluations == 9);
  CHECK(m.rows[5].evaluations_run == 7);
  CHECK(m.rows[5].best_speedup == Approx(2.5));

  REQUIRE(m.evaluations_to_target);
  CHECK(*m.evaluations_to_target == 6);
  CHECK(*m.seconds_to_target == Approx(4));
}

TEST_CASE("run metrics leave the target unreached rather than guess", "[experiment]") {
  const std::vector<HistoryEntry> history{entry("seed", EvalStatus::ok, 0.010, 0),
                                          entry("knob_mutation", EvalStatus::ok, 0.009, 1)};
  const auto m = run_metrics(history, 0.010, {1, 2}, 2.0);
  CHECK_FALSE(m.evaluations_to_target);
  CHECK_FALSE(m.seconds_to_target);
  CHECK(m.rows[1].best_speedup == Approx(0.010 / 0.009));
  CHECK_THROWS(run_metrics(history, 0, {1}, 2.0));
}
