// RepairQueue: which failed LLM children get another round with the model.
#include <map>

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

TEST_CASE("repair queue: a resumed queue repairs what was waiting and keeps counting rounds", "[llm]") {
  RepairQueue before(2);
  const Individual a = child("a", "llm_mutation", EvalStatus::compile_error, "error: x undeclared");
  const Individual b = child("b", "llm_mutation", EvalStatus::wrong_result, "y[0] = 0, expected 1");
  before.observe({a, b});
  const auto first = before.take(1);  // a goes to the model; b still waits
  before.expect("a1", first[0]);
  const nlohmann::json state = nlohmann::json::parse(before.to_json().dump());  // as committed

  const std::map<std::string, Individual> archive = {{"a", a}, {"b", b}};
  RepairQueue after(2);
  after.restore(state, [&](const std::string& id) -> std::optional<Individual> {
    const auto found = archive.find(id);
    return found == archive.end() ? std::nullopt : std::optional<Individual>(found->second);
  });
  CHECK(after.waiting() == 1);
  const auto waiting = after.take(10);
  REQUIRE(waiting.size() == 1);
  CHECK(waiting[0].id == "b");
  CHECK(waiting[0].evaluation.error == "y[0] = 0, expected 1");

  // a1 is round 1 of a's line: one more round is allowed, then the line ends.
  after.observe({child("a1", "llm_repair", EvalStatus::compile_error, "error: y undeclared")});
  const auto a1 = after.take(10);
  REQUIRE(a1.size() == 1);
  after.expect("a2", a1[0]);
  after.observe({child("a2", "llm_repair", EvalStatus::compile_error, "error: z undeclared")});
  CHECK(after.take(10).empty());

  // A waiting child the archive does not have is an error that names it.
  CHECK_THROWS_WITH(RepairQueue(2).restore(state, [](const std::string&) { return std::nullopt; }),
                    KEVO_CONTAINS("waiting child b is missing"));
}
