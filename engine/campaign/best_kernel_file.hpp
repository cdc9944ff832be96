#pragma once
// The best kernel of a task as plain files a user can drop into a code base:
// <task>.<ext> (knobs as #defines on top of the source) and <task>.json
// (knobs, launch plan and measurements).
#include <filesystem>

#include "engine/individual.hpp"

namespace kevo::engine {

// Writes both files under `dir`; returns the source file's path.
std::filesystem::path write_best_kernel(const std::filesystem::path& dir, const Individual& best,
                                        double baseline_seconds);

}  // namespace kevo::engine
