#include "engine/archipelago/topology.hpp"

#include <stdexcept>
#include <string>

#include "operators/random_draw.hpp"

namespace kevo::engine {

namespace {

void require_island(int island, int island_count) {
  if (island < 0 || island >= island_count) {
    throw std::out_of_range("topology: island " + std::to_string(island) +
                            " out of range (island count " + std::to_string(island_count) + ")");
  }
}

std::vector<int> all_others(int island, int island_count) {
  std::vector<int> others;
  for (int other = 0; other < island_count; ++other) {
    if (other != island) others.push_back(other);
  }
  return others;
}

}  // namespace

std::vector<int> neighbours(Topology topology, int island, int island_count,
                            std::mt19937_64& rng) {
  require_island(island, island_count);
  if (island_count == 1) return {};
  switch (topology) {
    case Topology::ring:
      return {(island + 1) % island_count};
    case Topology::fully_connected:
      return all_others(island, island_count);
    case Topology::random: {
      // Draw among the count-1 others by skipping over `island`.
      const auto drawn = static_cast<int>(
          operators::draw_index(rng, static_cast<std::size_t>(island_count - 1)));
      return {drawn < island ? drawn : drawn + 1};
    }
  }
  throw std::invalid_argument("topology: unknown topology value " +
                              std::to_string(static_cast<int>(topology)));
}

}  // namespace kevo::engine
