// The strategy operator applies exactly what a seed family declares for the
// chosen strategy: a move of those knobs only, or a switch to that family.
#include <random>

#include "catch_compat.hpp"
#include "operators/strategy/strategy_operator.hpp"
#include "operators/toy_task.hpp"

using namespace kevo;

namespace {

fitness::Task strategy_task() {
  auto naive = test::naive_seed();
  naive.strategies["loop_unrolling"] = {{"UNROLL"}, ""};
  naive.strategies["shared_memory_tiling"] = {{}, "blocked"};
  return test::make_task({naive, test::blocked_seed()});
}

}  // namespace

TEST_CASE("strategy operator: a knob strategy moves only its knobs and records the strategy", "[strategy]") {
  const auto task = strategy_task();
  const auto parent = test::variant_of(task, "naive", {{"TILE", 4}, {"UNROLL", 1}, {"ORDER", 0}});
  std::mt19937_64 rng(5);
  operators::OperatorContext context{task, rng, 3, 1, "loop_unrolling"};
  operators::strategy::StrategyOperator op;
  for (int i = 0; i < 20; ++i) {
    const auto children = op.apply({{&parent, nullptr}}, 1, context);
    REQUIRE(children.size() == 1);
    const auto& child = children.front();
    CHECK(child.knobs.at("TILE") == 4);
    CHECK(child.knobs.at("ORDER") == 0);
    CHECK(child.knobs.at("UNROLL") != 1);
    CHECK(test::valid_for(task, child));
    CHECK(child.lineage.operator_name == "strategy");
    CHECK(child.lineage.strategy == "loop_unrolling");
    CHECK(child.lineage.parent_ids == std::vector<std::string>{parent.content_hash()});
  }
}

TEST_CASE("strategy operator: a family strategy switches to that family", "[strategy]") {
  const auto task = strategy_task();
  const auto parent = test::variant_of(task, "naive");
  std::mt19937_64 rng(6);
  operators::OperatorContext context{task, rng, 1, 0, "shared_memory_tiling"};
  const auto children = operators::strategy::StrategyOperator().apply({{&parent, nullptr}}, 1, context);
  REQUIRE(children.size() == 1);
  CHECK(children.front().seed_name == "blocked");
  CHECK(children.front().lineage.strategy == "shared_memory_tiling");
  CHECK(operators::strategy::applicable_strategies(task, parent) ==
        std::set<std::string>{"loop_unrolling", "shared_memory_tiling"});
  CHECK(operators::strategy::applicable_strategies(task, children.front()).empty());
}

TEST_CASE("strategy operator: no strategy, or one the family does not declare, makes no child", "[strategy]") {
  const auto task = strategy_task();
  const auto parent = test::variant_of(task, "naive");
  std::mt19937_64 rng(7);
  operators::OperatorContext none{task, rng, 1, 0, ""};
  CHECK(operators::strategy::StrategyOperator().apply({{&parent, nullptr}}, 1, none).empty());
  operators::OperatorContext undeclared{task, rng, 1, 0, "tensor_cores"};
  CHECK(operators::strategy::StrategyOperator().apply({{&parent, nullptr}}, 1, undeclared).empty());
}
