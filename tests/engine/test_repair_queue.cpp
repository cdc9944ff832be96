// RepairQueue: which failed LLM children get another round with the model.
#include "catch_compat.hpp"
#include "engine/repair_queue.hpp"

using kevo::engine::Individual;
using kevo::engine::RepairQueue;
using kevo::population::EvalStatus;

namespace {

Individual child(const std::string& id, const std::string& op, EvalStatus status, const std::string& error) {
  Individual individual;
  individual.id = id;
  individual.variant.lineage.operator_name = op;
  individual.evaluation.status = status;
  individual.evaluation.error = error;
  return individual;
}

}  // namespace

TEST_CASE("repair queue: failed LLM children are repaired, a line at most N rounds, never on a repeated error",
          "[llm]") {
  RepairQueue queue(2);
  queue.observe({child("a", "llm_mutation", EvalStatus::compile_error, "error: x undeclared"),
                 child("b", "knob_mutation", EvalStatus::compile_error, "error"),       // not the model's
                 child("c", "llm_mutation", EvalStatus::ok, ""),                        // nothing to fix
                 child("d", "llm_mutation", EvalStatus::crash, "signal 11"),            // not a rewrite's job
                 child("e", "llm_mutation", EvalStatus::wrong_result, "y[3] = 1, expected 2")});
  auto now = queue.take(10);
  REQUIRE(now.size() == 2);
  CHECK(now[0].id == "a");
  CHECK(now[1].id == "e");

  // a -> a1 (round 1) fails anew -> a2 (round 2) fails anew: the line ends there.
  queue.expect("a1", now[0]);
  queue.observe({child("a1", "llm_repair", EvalStatus::compile_error, "error: y undeclared")});
  auto second = queue.take(10);
  REQUIRE(second.size() == 1);
  queue.expect("a2", second[0]);
  queue.observe({child("a2", "llm_repair", EvalStatus::compile_error, "error: z undeclared")});
  CHECK(queue.take(10).empty());

  // e -> e1 fails with e's error, verbatim: the model cannot fix it, stop.
  queue.expect("e1", now[1]);
  queue.observe({child("e1", "llm_repair", EvalStatus::wrong_result, "y[3] = 1, expected 2")});
  CHECK(queue.take(10).empty());
}
