#include "operators/random_draw.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace kevo::operators {

std::size_t draw_index(std::mt19937_64& rng, std::size_t count) {
  if (count == 0) {
    throw std::invalid_argument("draw_index: cannot draw from an empty range");
  }
  const auto n = static_cast<std::uint64_t>(count);
  const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  // 2^64 mod n values at the top would favour the low residues; redraw them.
  const std::uint64_t excess = (max % n + 1) % n;
  std::uint64_t value = rng();
  while (value > max - excess) {
    value = rng();
  }
  return static_cast<std::size_t>(value % n);
}

bool draw_chance(std::mt19937_64& rng, double probability) {
  if (probability <= 0) return false;
  if (probability >= 1) return true;
  return draw_unit(rng) < probability;
}

double draw_unit(std::mt19937_64& rng) {
  // 53 random bits: every double in [0, 1) on a uniform grid.
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

double draw_standard_normal(std::mt19937_64& rng) {
  const double u1 = 1.0 - draw_unit(rng);  // (0, 1]: log is finite
  const double u2 = draw_unit(rng);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2);
}

}  // namespace kevo::operators
