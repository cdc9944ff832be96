#include <random>
#include <set>
#include <stdexcept>

#include "catch_compat.hpp"
#include "operators/knob_crossover.hpp"
#include "operators/toy_task.hpp"

using namespace kevo;
using kevo::operators::KnobCrossover;
using kevo::operators::OperatorContext;
using kevo::operators::Parent;

namespace {

std::vector<population::Variant> cross(const fitness::Task& task, const population::Variant& a,
                                       const population::Variant& b, int count,
                                       std::mt19937_64& rng) {
  KnobCrossover op;
  OperatorContext context{task, rng, 4, 3};
  return op.apply({Parent{&a, nullptr}, Parent{&b, nullptr}}, count, context);
}

}  // namespace

TEST_CASE("knob crossover: same-family children mix parent values, valid and new") {
  const auto task = test::make_task({test::naive_seed()});
  const auto a = test::variant_of(task, "naive", {{"TILE", 16}, {"UNROLL", 1}, {"ORDER", 0}});
  const auto b = test::variant_of(task, "naive", {{"TILE", 4}, {"UNROLL", 4}, {"ORDER", 1}});
  std::mt19937_64 rng(17);
  std::set<population::KnobValues> seen;
  for (int round = 0; round < 300; ++round) {
    const auto children = cross(task, a, b, 3, rng);
    REQUIRE_FALSE(children.empty());
    REQUIRE(test::all_distinct(children));
    for (const auto& child : children) {
      REQUIRE(test::valid_for(task, child));
      for (const auto& [name, value] : child.knobs) {
        REQUIRE((value == a.knobs.at(name) || value == b.knobs.at(name)));
      }
      REQUIRE(child.knobs != a.knobs);
      REQUIRE(child.knobs != b.knobs);
      CHECK(child.lineage.parent_ids ==
            std::vector<std::string>{a.content_hash(), b.content_hash()});
      CHECK(child.lineage.operator_name == "knob_crossover");
      CHECK(child.lineage.generation == 4);
      CHECK(child.lineage.island == 3);
      seen.insert(child.knobs);
    }
  }
  // 2^3 mixes less the two parents; all six pass TILE % UNROLL == 0 here.
  CHECK(seen.size() == 6);
}

TEST_CASE("knob crossover: mixes that break a constraint are never returned") {
  const auto task = test::make_task({test::naive_seed()});
  // (TILE 2, UNROLL 4) would break TILE % UNROLL == 0.
  const auto a = test::variant_of(task, "naive", {{"TILE", 2}, {"UNROLL", 1}, {"ORDER", 0}});
  const auto b = test::variant_of(task, "naive", {{"TILE", 8}, {"UNROLL", 4}, {"ORDER", 1}});
  std::mt19937_64 rng(2);
  for (int round = 0; round < 300; ++round) {
    for (const auto& child : cross(task, a, b, 4, rng)) {
      REQUIRE(test::valid_for(task, child));
      REQUIRE_FALSE((child.knobs.at("TILE") == 2 && child.knobs.at("UNROLL") == 4));
    }
  }
}

TEST_CASE("knob crossover: parents with nothing new to exchange yield no children") {
  const auto task = test::make_task({test::naive_seed()});
  const auto a = test::variant_of(task, "naive", {{"TILE", 8}});
  std::mt19937_64 rng(1);
  CHECK(cross(task, a, a, 3, rng).empty());
  // One differing knob: the only mixes are the parents themselves.
  const auto b = test::variant_of(task, "naive", {{"TILE", 8}, {"ORDER", 1}});
  CHECK(cross(task, a, b, 3, rng).empty());
}

TEST_CASE("knob crossover: across families only shared, in-domain knobs move to A") {
  const auto task = test::make_task({test::naive_seed(), test::blocked_seed()});
  const auto a = test::variant_of(task, "naive", {{"TILE", 2}, {"UNROLL", 2}, {"ORDER", 1}});
  std::mt19937_64 rng(8);

  const auto b = test::variant_of(task, "blocked", {{"TILE", 16}, {"BLOCK", 64}});
  const auto children = cross(task, a, b, 3, rng);
  REQUIRE(children.size() == 1);
  const auto& child = children.front();
  CHECK(child.seed_name == "naive");
  CHECK(child.source == a.source);
  CHECK(child.knobs == population::KnobValues{{"TILE", 16}, {"UNROLL", 2}, {"ORDER", 1}});

  // TILE 32 is outside naive's domain: nothing can move.
  const auto outside = test::variant_of(task, "blocked", {{"TILE", 32}, {"BLOCK", 64}});
  CHECK(cross(task, a, outside, 3, rng).empty());
}

TEST_CASE("knob crossover: falls back to the other parent's knobs when mixes are invalid") {
  const auto task = test::make_task(
      {test::seed("pair", {test::knob("X", {0, 1}, 0), test::knob("Y", {0, 1}, 0)}, {"X == Y"})});
  const auto a = test::variant_of(task, "pair");
  auto b = test::variant_of(task, "pair", {{"X", 1}, {"Y", 1}});
  b.source = "// rewritten\nvoid kernel() {}\n";  // same family, another source
  std::mt19937_64 rng(4);
  const auto children = cross(task, a, b, 3, rng);
  REQUIRE(children.size() == 1);
  CHECK(children.front().source == a.source);
  CHECK(children.front().knobs == b.knobs);
}

TEST_CASE("knob crossover: deterministic for a seed, fewer than two parents is a caller error") {
  const auto task = test::make_task({test::naive_seed()});
  const auto a = test::variant_of(task, "naive", {{"TILE", 16}, {"UNROLL", 1}, {"ORDER", 0}});
  const auto b = test::variant_of(task, "naive", {{"TILE", 4}, {"UNROLL", 4}, {"ORDER", 1}});
  std::mt19937_64 first(99);
  std::mt19937_64 second(99);
  for (int round = 0; round < 20; ++round) {
    CHECK(test::hashes(cross(task, a, b, 3, first)) == test::hashes(cross(task, a, b, 3, second)));
  }

  KnobCrossover op;
  OperatorContext context{task, first, 0, 0};
  CHECK_THROWS_AS(op.apply({Parent{&a, nullptr}}, 1, context), std::invalid_argument);
  CHECK_THROWS_AS(op.apply({Parent{&a, nullptr}, Parent{}}, 1, context), std::invalid_argument);
}
