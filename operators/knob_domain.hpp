#pragma once
// Looking up knobs and positions in their domains: operators move knobs by
// domain index (a neighbouring tile size), not by numeric distance.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "fitness/task.hpp"
#include "population/variant.hpp"

namespace kevo::operators {

// The knob called `name` in `seed`, or null.
const fitness::KnobSpec* find_knob(const fitness::SeedSpec& seed, const std::string& name);

// Position of `value` in the knob's domain, or nullopt when it is not in it.
std::optional<std::size_t> domain_index(const fitness::KnobSpec& knob, std::int64_t value);

// The value `knobs` sets for `knob`, or nullopt when unset.
std::optional<std::int64_t> knob_value(const population::KnobValues& knobs,
                                       const fitness::KnobSpec& knob);

// True when the domain holds a value other than the one `knobs` sets (or the
// knob is unset): only then can a mutation change this knob.
bool can_change(const fitness::KnobSpec& knob, const population::KnobValues& knobs);

}  // namespace kevo::operators
