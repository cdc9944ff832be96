#include <map>
#include <random>
#include <set>

#include "catch_compat.hpp"
#include "operators/random_sampler.hpp"
#include "operators/toy_task.hpp"

using namespace kevo;
using kevo::operators::OperatorContext;
using kevo::operators::RandomSampler;

namespace {

std::vector<population::Variant> sample(const fitness::Task& task, int count,
                                        std::mt19937_64& rng) {
  RandomSampler op;
  OperatorContext context{task, rng, 2, 5};
  return op.apply({}, count, context);
}

}  // namespace

TEST_CASE("random sampler: children are valid seed-family points with sampler lineage") {
  const auto task = test::make_task({test::naive_seed(), test::blocked_seed()});
  std::mt19937_64 rng(21);
  const auto children = sample(task, 8, rng);
  REQUIRE(children.size() == 8);
  CHECK(test::all_distinct(children));
  for (const auto& child : children) {
    const auto& seed = *task.find_seed(child.seed_name);
    CHECK(test::valid_for(task, child));
    CHECK(child.source == seed.source);
    CHECK(child.launch == seed.launch);
    CHECK(child.task == "toy");
    CHECK(child.lineage.parent_ids.empty());
    CHECK(child.lineage.operator_name == "random_sampler");
    CHECK(child.lineage.generation == 2);
    CHECK(child.lineage.island == 5);
  }
}

TEST_CASE("random sampler: enough draws cover exactly the valid space") {
  const auto task = test::make_task({test::naive_seed(), test::blocked_seed()});
  const auto expected = test::valid_points(task);
  REQUIRE(expected.size() == 24 + 11);

  std::mt19937_64 rng(5);
  std::map<std::pair<std::string, population::KnobValues>, int> hits;
  std::map<std::string, int> family_hits;
  for (int round = 0; round < 1000; ++round) {
    for (const auto& child : sample(task, 4, rng)) {
      ++hits[{child.seed_name, child.knobs}];
      ++family_hits[child.seed_name];
    }
  }
  std::set<std::pair<std::string, population::KnobValues>> covered;
  for (const auto& [point, count] : hits) covered.insert(point);
  CHECK(covered == expected);
  // Families are drawn uniformly: about 2000 children each.
  CHECK(family_hits["naive"] > 1800);
  CHECK(family_hits["blocked"] > 1800);
}

TEST_CASE("random sampler: one call never repeats a point, even when asked for more") {
  const auto task = test::make_task({test::blocked_seed()});
  std::mt19937_64 rng(5);
  const auto children = sample(task, 30, rng);
  CHECK(children.size() <= 11);
  CHECK(children.size() >= 9);
  CHECK(test::all_distinct(children));
}

TEST_CASE("random sampler: deterministic for a seed, no seeds, no children") {
  const auto task = test::make_task({test::naive_seed(), test::blocked_seed()});
  std::mt19937_64 first(77);
  std::mt19937_64 second(77);
  CHECK(test::hashes(sample(task, 6, first)) == test::hashes(sample(task, 6, second)));

  const auto empty = test::make_task({});
  CHECK(sample(empty, 3, first).empty());
}
