#include <random>
#include <set>
#include <stdexcept>

#include "catch_compat.hpp"
#include "operators/seed_switch.hpp"
#include "operators/toy_task.hpp"

using namespace kevo;
using kevo::operators::OperatorContext;
using kevo::operators::Parent;
using kevo::operators::SeedSwitch;

namespace {

std::vector<population::Variant> switch_seed(const fitness::Task& task,
                                             const population::Variant& parent, int count,
                                             std::mt19937_64& rng) {
  SeedSwitch op;
  OperatorContext context{task, rng, 6, 1};
  return op.apply({Parent{&parent, nullptr}}, count, context);
}

}  // namespace

TEST_CASE("seed switch: the child takes the other family's source and keeps shared knobs") {
  const auto task = test::make_task({test::naive_seed(), test::blocked_seed()});
  const auto parent = test::variant_of(task, "naive", {{"TILE", 16}, {"UNROLL", 4}, {"ORDER", 1}});
  std::mt19937_64 rng(3);
  const auto children = switch_seed(task, parent, 2, rng);

  REQUIRE(children.size() == 1);
  const auto& child = children.front();
  const auto& blocked = *task.find_seed("blocked");
  CHECK(child.seed_name == "blocked");
  CHECK(child.source == blocked.source);
  CHECK(child.launch == blocked.launch);
  CHECK(child.knobs == population::KnobValues{{"TILE", 16}, {"BLOCK", 32}});
  CHECK(test::valid_for(task, child));
  CHECK(child.lineage.parent_ids == std::vector<std::string>{parent.content_hash()});
  CHECK(child.lineage.operator_name == "seed_switch");
  CHECK(child.lineage.generation == 6);
  CHECK(child.lineage.island == 1);
}

TEST_CASE("seed switch: values outside the new domain take the family's seed value") {
  const auto task = test::make_task({test::naive_seed(), test::blocked_seed()});
  const auto parent = test::variant_of(task, "naive", {{"TILE", 2}, {"UNROLL", 2}});
  std::mt19937_64 rng(3);
  const auto children = switch_seed(task, parent, 1, rng);
  REQUIRE(children.size() == 1);
  CHECK(children.front().knobs == population::KnobValues{{"TILE", 8}, {"BLOCK", 32}});
}

TEST_CASE("seed switch: carried values that break a constraint fall back to seed values") {
  const auto task = test::make_task({test::naive_seed(), test::vector_seed()});
  // TILE 2 lies in vector's domain, but 2 % VEC(4) != 0.
  const auto parent = test::variant_of(task, "naive", {{"TILE", 2}});
  std::mt19937_64 rng(3);
  const auto children = switch_seed(task, parent, 1, rng);
  REQUIRE(children.size() == 1);
  CHECK(children.front().seed_name == "vector");
  CHECK(children.front().knobs == population::KnobValues{{"TILE", 4}, {"VEC", 4}});
  CHECK(test::valid_for(task, children.front()));
}

TEST_CASE("seed switch: one child per other family, in a seeded random order") {
  const auto task = test::make_task(
      {test::naive_seed(), test::blocked_seed(), test::vector_seed(), test::knobless_seed()});
  const auto parent = test::variant_of(task, "blocked", {{"TILE", 16}, {"BLOCK", 64}});
  std::mt19937_64 rng(12);
  const auto all = switch_seed(task, parent, 10, rng);
  REQUIRE(all.size() == 3);
  std::set<std::string> families;
  for (const auto& child : all) {
    families.insert(child.seed_name);
    CHECK(test::valid_for(task, child));
  }
  CHECK(families == std::set<std::string>{"naive", "vector", "fixed"});

  std::set<std::string> first_choices;
  for (int round = 0; round < 100; ++round) {
    const auto one = switch_seed(task, parent, 1, rng);
    REQUIRE(one.size() == 1);
    first_choices.insert(one.front().seed_name);
  }
  CHECK(first_choices == families);

  std::mt19937_64 first(5);
  std::mt19937_64 second(5);
  CHECK(test::hashes(switch_seed(task, parent, 2, first)) ==
        test::hashes(switch_seed(task, parent, 2, second)));
}

TEST_CASE("seed switch: a task with one seed yields no children") {
  const auto task = test::make_task({test::naive_seed()});
  const auto parent = test::variant_of(task, "naive");
  std::mt19937_64 rng(1);
  CHECK(switch_seed(task, parent, 3, rng).empty());

  auto stranger = parent;
  stranger.seed_name = "gone";
  CHECK_THROWS_AS(switch_seed(task, stranger, 1, rng), std::invalid_argument);
}
