#pragma once
// Random draws that give the same results under every standard library.
// std::uniform_int_distribution and friends are implementation-defined, so a
// search seeded identically would diverge between libstdc++ (here) and libc++
// (the GPU machine); std::mt19937_64 itself is fully specified, so draws built
// directly on its output replay everywhere.
#include <cstddef>
#include <random>
#include <utility>
#include <vector>

namespace kevo::operators {

// Uniform in [0, count); unbiased (rejection). Throws std::invalid_argument when count is 0.
std::size_t draw_index(std::mt19937_64& rng, std::size_t count);

// True with the given probability (clamped to [0, 1]).
bool draw_chance(std::mt19937_64& rng, double probability);

// Fisher-Yates shuffle on draw_index.
template <typename T>
void shuffle_portably(std::vector<T>& items, std::mt19937_64& rng) {
  for (std::size_t remaining = items.size(); remaining > 1; --remaining) {
    std::swap(items[remaining - 1], items[draw_index(rng, remaining)]);
  }
}

}  // namespace kevo::operators

namespace kevo::operators {

// Uniform in [0, 1) from 53 random bits.
double draw_unit(std::mt19937_64& rng);

// Standard normal (Box-Muller on draw_unit): the same value under every library.
double draw_standard_normal(std::mt19937_64& rng);

}  // namespace kevo::operators
