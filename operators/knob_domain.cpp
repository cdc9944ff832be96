#include "operators/knob_domain.hpp"

#include <algorithm>

namespace kevo::operators {

const fitness::KnobSpec* find_knob(const fitness::SeedSpec& seed, const std::string& name) {
  for (const auto& knob : seed.knobs) {
    if (knob.name == name) return &knob;
  }
  return nullptr;
}

std::optional<std::size_t> domain_index(const fitness::KnobSpec& knob, std::int64_t value) {
  const auto found = std::find(knob.values.begin(), knob.values.end(), value);
  if (found == knob.values.end()) return std::nullopt;
  return static_cast<std::size_t>(found - knob.values.begin());
}

std::optional<std::int64_t> knob_value(const population::KnobValues& knobs,
                                       const fitness::KnobSpec& knob) {
  const auto found = knobs.find(knob.name);
  if (found == knobs.end()) return std::nullopt;
  return found->second;
}

bool can_change(const fitness::KnobSpec& knob, const population::KnobValues& knobs) {
  const auto current = knob_value(knobs, knob);
  if (!current) return !knob.values.empty();
  return std::any_of(knob.values.begin(), knob.values.end(),
                     [&](std::int64_t value) { return value != *current; });
}

}  // namespace kevo::operators
