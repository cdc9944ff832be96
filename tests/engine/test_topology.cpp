#include <random>
#include <set>
#include <stdexcept>
#include <string>

#include "catch_compat.hpp"
#include "engine/archipelago/topology.hpp"

using kevo::engine::neighbours;
using kevo::engine::Topology;

TEST_CASE("topology: ring sends to the next island, wrapping around") {
  std::mt19937_64 rng(1);
  CHECK(neighbours(Topology::ring, 0, 4, rng) == std::vector<int>{1});
  CHECK(neighbours(Topology::ring, 2, 4, rng) == std::vector<int>{3});
  CHECK(neighbours(Topology::ring, 3, 4, rng) == std::vector<int>{0});
  CHECK(neighbours(Topology::ring, 0, 2, rng) == std::vector<int>{1});
  CHECK(neighbours(Topology::ring, 1, 2, rng) == std::vector<int>{0});
}

TEST_CASE("topology: fully connected sends to every other island") {
  std::mt19937_64 rng(1);
  CHECK(neighbours(Topology::fully_connected, 2, 5, rng) == std::vector<int>{0, 1, 3, 4});
  CHECK(neighbours(Topology::fully_connected, 0, 2, rng) == std::vector<int>{1});
}

TEST_CASE("topology: random sends to one other island, covering all of them") {
  std::mt19937_64 rng(7);
  for (int island = 0; island < 5; ++island) {
    std::set<int> reached;
    for (int draw = 0; draw < 400; ++draw) {
      const auto chosen = neighbours(Topology::random, island, 5, rng);
      REQUIRE(chosen.size() == 1);
      REQUIRE(chosen.front() != island);
      REQUIRE((chosen.front() >= 0 && chosen.front() < 5));
      reached.insert(chosen.front());
    }
    CHECK(reached.size() == 4);
  }

  std::mt19937_64 first(3);
  std::mt19937_64 second(3);
  for (int draw = 0; draw < 50; ++draw) {
    CHECK(neighbours(Topology::random, 1, 6, first) == neighbours(Topology::random, 1, 6, second));
  }
}

TEST_CASE("topology: a lone island has no neighbours") {
  std::mt19937_64 rng(1);
  for (auto topology : {Topology::ring, Topology::random, Topology::fully_connected}) {
    CHECK(neighbours(topology, 0, 1, rng).empty());
  }
}

TEST_CASE("topology: an island outside the archipelago is out of range") {
  std::mt19937_64 rng(1);
  CHECK_THROWS_AS(neighbours(Topology::ring, -1, 4, rng), std::out_of_range);
  CHECK_THROWS_AS(neighbours(Topology::fully_connected, 0, 0, rng), std::out_of_range);
  try {
    neighbours(Topology::random, 4, 4, rng);
    FAIL("no exception");
  } catch (const std::out_of_range& error) {
    const std::string message = error.what();
    CHECK(message.find("island 4") != std::string::npos);
    CHECK(message.find("island count 4") != std::string::npos);
  }
}
