#pragma once
// A variant's seed family: the SeedSpec whose knobs and constraints its knob
// values must satisfy.
#include "fitness/task.hpp"
#include "population/variant.hpp"

namespace kevo::operators {

// The task's seed named by `variant.seed_name`. Throws std::invalid_argument
// naming the variant, the seed and the task's seeds when there is none: such a
// parent comes from another task (a caller bug), not from an unlucky draw.
const fitness::SeedSpec& seed_family_of(const fitness::Task& task,
                                        const population::Variant& variant);

}  // namespace kevo::operators
