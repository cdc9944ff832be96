#pragma once
// The whole knob space of a seed family: every combination of domain values
// that satisfies the constraints. Used by exhaustive sweeps (the true optimum
// that search methods are compared against) and by tests.
#include <cstdint>
#include <vector>

#include "fitness/task.hpp"

namespace kevo::fitness {

// Number of combinations before constraints (saturates at INT64_MAX).
std::int64_t raw_knob_space_size(const SeedSpec& seed);
// Every valid point, in lexicographic order of domain indices. Throws
// std::length_error when the raw space exceeds `limit` points.
std::vector<population::KnobValues> enumerate_knob_space(const SeedSpec& seed, std::int64_t limit = 1'000'000);

}  // namespace kevo::fitness
