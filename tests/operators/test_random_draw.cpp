#include <algorithm>
#include <random>
#include <stdexcept>
#include <vector>

#include "catch_compat.hpp"
#include "operators/random_draw.hpp"

using namespace kevo::operators;

TEST_CASE("random draw: indices are in range and roughly uniform") {
  std::mt19937_64 rng(1);
  std::vector<int> counts(7, 0);
  for (int i = 0; i < 70000; ++i) ++counts.at(draw_index(rng, counts.size()));
  for (int count : counts) CHECK((count > 9000 && count < 11000));
  CHECK_THROWS_AS(draw_index(rng, 0), std::invalid_argument);
}

TEST_CASE("random draw: chances follow their probability, shuffle keeps the elements") {
  std::mt19937_64 rng(2);
  int hits = 0;
  for (int i = 0; i < 10000; ++i) hits += draw_chance(rng, 0.25) ? 1 : 0;
  CHECK((hits > 2300 && hits < 2700));
  CHECK_FALSE(draw_chance(rng, 0.0));
  CHECK(draw_chance(rng, 1.0));

  std::vector<int> items{1, 2, 3, 4, 5, 6};
  shuffle_portably(items, rng);
  std::sort(items.begin(), items.end());
  CHECK(items == std::vector<int>{1, 2, 3, 4, 5, 6});
}

TEST_CASE("random draw: the sequence is fixed by the seed, independent of the library") {
  // draw_index is rng() % n outside a vanishing rejection zone, so it depends
  // only on mt19937_64, whose output the standard fixes.
  std::mt19937_64 rng(12345);
  std::vector<std::size_t> drawn;
  for (int i = 0; i < 5; ++i) drawn.push_back(draw_index(rng, 10));
  std::mt19937_64 raw(12345);
  std::vector<std::size_t> expected;
  for (int i = 0; i < 5; ++i) expected.push_back(static_cast<std::size_t>(raw() % 10));
  CHECK(drawn == expected);
}
