#include "fitness/knob_space.hpp"

#include <limits>
#include <stdexcept>
#include <string>

namespace kevo::fitness {

std::int64_t raw_knob_space_size(const SeedSpec& seed) {
  std::int64_t size = 1;
  for (const auto& knob : seed.knobs) {
    const auto n = static_cast<std::int64_t>(knob.values.size());
    if (n != 0 && size > std::numeric_limits<std::int64_t>::max() / n) return std::numeric_limits<std::int64_t>::max();
    size *= n;
  }
  return size;
}

std::vector<population::KnobValues> enumerate_knob_space(const SeedSpec& seed, std::int64_t limit) {
  const auto raw = raw_knob_space_size(seed);
  if (raw > limit)
    throw std::length_error("seed '" + seed.name + "': knob space has " + std::to_string(raw) +
                            " points, above the sweep limit of " + std::to_string(limit));
  std::vector<population::KnobValues> points;
  std::vector<std::size_t> index(seed.knobs.size(), 0);
  for (std::int64_t n = 0; n < raw; ++n) {
    population::KnobValues point;
    for (std::size_t k = 0; k < seed.knobs.size(); ++k) point[seed.knobs[k].name] = seed.knobs[k].values[index[k]];
    if (check_knobs(seed, point).empty()) points.push_back(std::move(point));
    // Odometer increment: the last knob varies fastest.
    for (std::size_t k = seed.knobs.size(); k-- > 0;) {
      if (++index[k] < seed.knobs[k].values.size()) break;
      index[k] = 0;
    }
  }
  return points;
}

}  // namespace kevo::fitness
