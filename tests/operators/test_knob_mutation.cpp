#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <stdexcept>

#include "catch_compat.hpp"
#include "operators/knob_domain.hpp"
#include "operators/knob_mutation.hpp"
#include "operators/toy_task.hpp"

using namespace kevo;
using kevo::operators::KnobMutation;
using kevo::operators::KnobMutationOptions;
using kevo::operators::OperatorContext;
using kevo::operators::Parent;

namespace {

std::vector<population::Variant> mutate(operators::Operator& op, const fitness::Task& task,
                                        const population::Variant& parent, int count,
                                        std::mt19937_64& rng, int generation = 3, int island = 1) {
  OperatorContext context{task, rng, generation, island};
  return op.apply({Parent{&parent, nullptr}}, count, context);
}

// How many domain positions each knob moved between `from` and `to`.
std::map<std::string, int> position_moves(const fitness::SeedSpec& seed,
                                          const population::KnobValues& from,
                                          const population::KnobValues& to) {
  std::map<std::string, int> moves;
  for (const auto& knob : seed.knobs) {
    const auto a = operators::domain_index(knob, from.at(knob.name));
    const auto b = operators::domain_index(knob, to.at(knob.name));
    if (*a != *b) moves[knob.name] = std::abs(static_cast<int>(*a) - static_cast<int>(*b));
  }
  return moves;
}

}  // namespace

TEST_CASE("knob mutation: children are valid, new, distinct and carry lineage") {
  const auto task = test::make_task({test::naive_seed()});
  const auto parent = test::variant_of(task, "naive", {{"TILE", 4}, {"UNROLL", 2}});
  KnobMutation op;
  std::mt19937_64 rng(7);
  const auto children = mutate(op, task, parent, 6, rng, 5, 2);

  REQUIRE(children.size() == 6);
  CHECK(test::all_distinct(children));
  for (const auto& child : children) {
    CHECK(test::valid_for(task, child));
    CHECK(child.content_hash() != parent.content_hash());
    CHECK(child.source == parent.source);
    CHECK(child.seed_name == parent.seed_name);
    CHECK(child.launch == parent.launch);
    CHECK(child.lineage.parent_ids == std::vector<std::string>{parent.content_hash()});
    CHECK(child.lineage.operator_name == "knob_mutation");
    CHECK(child.lineage.generation == 5);
    CHECK(child.lineage.island == 2);
  }
}

TEST_CASE("knob mutation: thousands of chained draws stay inside domains and constraints") {
  const auto task = test::make_task({test::naive_seed(), test::blocked_seed()});
  KnobMutation op;
  std::mt19937_64 rng(11);
  for (const auto* family : {"naive", "blocked"}) {
    const auto& seed = *task.find_seed(family);
    auto parent = test::variant_of(task, family);
    std::set<population::KnobValues> visited;
    for (int step = 0; step < 2000; ++step) {
      const auto children = mutate(op, task, parent, 3, rng);
      REQUIRE_FALSE(children.empty());
      for (const auto& child : children) {
        REQUIRE(child.knobs.size() == seed.knobs.size());
        for (const auto& knob : seed.knobs) {
          REQUIRE(operators::domain_index(knob, child.knobs.at(knob.name)).has_value());
        }
        REQUIRE(fitness::check_knobs(seed, child.knobs).empty());
        REQUIRE(child.knobs != parent.knobs);
        visited.insert(child.knobs);
      }
      parent = children[rng() % children.size()];
    }
    // A random walk this long reaches every valid point of these small spaces.
    CHECK(visited.size() == test::valid_points(test::make_task({seed})).size());
  }
}

TEST_CASE("knob mutation: without jumps knobs move one or two domain positions") {
  const auto task = test::make_task({test::naive_seed()});
  const auto& seed = task.seeds.front();
  std::mt19937_64 rng(3);

  KnobMutationOptions steps_only;
  steps_only.random_jump_probability = 0;
  KnobMutation near_or_far(steps_only);
  steps_only.far_step_probability = 0;
  KnobMutation near_only(steps_only);

  const auto parent = test::variant_of(task, "naive", {{"TILE", 4}, {"UNROLL", 2}});
  bool saw_far_step = false;
  for (int round = 0; round < 500; ++round) {
    for (const auto& child : mutate(near_or_far, task, parent, 2, rng)) {
      for (const auto& [name, moved] : position_moves(seed, parent.knobs, child.knobs)) {
        REQUIRE((moved == 1 || moved == 2));
        saw_far_step = saw_far_step || moved == 2;
      }
    }
    for (const auto& child : mutate(near_only, task, parent, 2, rng)) {
      for (const auto& [name, moved] : position_moves(seed, parent.knobs, child.knobs)) {
        REQUIRE(moved == 1);
      }
    }
  }
  CHECK(saw_far_step);
}

TEST_CASE("knob mutation: max_knobs_changed bounds how many knobs differ") {
  const auto task = test::make_task({test::naive_seed()});
  const auto parent = test::variant_of(task, "naive", {{"TILE", 8}, {"UNROLL", 2}});
  KnobMutationOptions one_knob;
  one_knob.max_knobs_changed = 1;
  KnobMutation single(one_knob);
  KnobMutation several;
  std::mt19937_64 rng(5);
  std::size_t most_changed = 0;
  for (int round = 0; round < 300; ++round) {
    for (const auto& child : mutate(single, task, parent, 2, rng)) {
      REQUIRE(position_moves(task.seeds.front(), parent.knobs, child.knobs).size() == 1);
    }
    for (const auto& child : mutate(several, task, parent, 2, rng)) {
      const auto changed = position_moves(task.seeds.front(), parent.knobs, child.knobs).size();
      REQUIRE(changed <= 3);
      most_changed = std::max(most_changed, changed);
    }
  }
  CHECK(most_changed > 1);
}

TEST_CASE("knob mutation: the same rng seed gives the same children") {
  const auto task = test::make_task({test::naive_seed()});
  const auto parent = test::variant_of(task, "naive", {{"TILE", 4}});
  KnobMutation op;
  std::mt19937_64 first(42);
  std::mt19937_64 second(42);
  for (int round = 0; round < 20; ++round) {
    CHECK(test::hashes(mutate(op, task, parent, 4, first)) ==
          test::hashes(mutate(op, task, parent, 4, second)));
  }
}

TEST_CASE("knob mutation: returns fewer children when the neighbourhood is exhausted") {
  const auto task = test::make_task({test::seed("tiny", {test::knob("X", {0, 1}, 0)}, {})});
  const auto parent = test::variant_of(task, "tiny");
  KnobMutation op;
  std::mt19937_64 rng(1);
  const auto children = mutate(op, task, parent, 5, rng);
  REQUIRE(children.size() == 1);
  CHECK(children.front().knobs.at("X") == 1);
}

TEST_CASE("knob mutation: a seed without knobs yields no children") {
  const auto task = test::make_task({test::knobless_seed()});
  const auto parent = test::variant_of(task, "fixed");
  KnobMutation op;
  std::mt19937_64 rng(1);
  CHECK(mutate(op, task, parent, 4, rng).empty());
}

TEST_CASE("knob mutation: an invalid parent still gets valid children") {
  const auto task = test::make_task({test::naive_seed()});
  // TILE 3 lies outside the domain, UNROLL is missing, STALE is not a knob of naive.
  auto parent = test::variant_of(task, "naive");
  parent.knobs = {{"TILE", 3}, {"ORDER", 0}, {"STALE", 1}};
  KnobMutation op;
  std::mt19937_64 rng(9);
  for (int round = 0; round < 200; ++round) {
    for (const auto& child : mutate(op, task, parent, 2, rng)) {
      REQUIRE(test::valid_for(task, child));
    }
  }
}

TEST_CASE("knob mutation: a parent of an unknown seed or a missing parent is a caller error") {
  const auto task = test::make_task({test::naive_seed()});
  auto stranger = test::variant_of(task, "naive");
  stranger.seed_name = "tiled";
  KnobMutation op;
  std::mt19937_64 rng(1);
  const auto message = test::thrown_message<std::invalid_argument>(
      [&] { mutate(op, task, stranger, 1, rng); });
  CHECK(message.find("tiled") != std::string::npos);
  CHECK(message.find("naive") != std::string::npos);

  OperatorContext context{task, rng, 0, 0};
  CHECK_THROWS_AS(op.apply({}, 1, context), std::invalid_argument);
  CHECK(mutate(op, task, test::variant_of(task, "naive"), 0, rng).empty());
}
