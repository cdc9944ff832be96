#pragma once
// Which islands an island sends its migrants to.
#include <random>
#include <vector>

#include "engine/search_config.hpp"

namespace kevo::engine {

// ring: the next island; fully_connected: every other island; random: one other
// island drawn from `rng`. Never includes `island` itself; empty when alone.
std::vector<int> neighbours(Topology topology, int island, int island_count, std::mt19937_64& rng);

}  // namespace kevo::engine
