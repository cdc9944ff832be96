#pragma once
// The bandit's "hardware memory": what it learned, per (hardware, roofline
// bound, strategy), as JSON for an island's checkpoint and for the file that
// carries the evidence from one campaign to the next.
//   {"version": 1, "arms": [{"hardware": "NVIDIA-H100-80GB-HBM3", "bound": "memory",
//     "family": "memory", "strategy": "vectorized_access",
//     "tries": 12, "reward_sum": 4.5, "successes": 6}, ...]}
#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

#include "operators/bandit/hierarchical_bandit.hpp"

namespace kevo::operators::bandit {

nlohmann::json arms_to_json(const std::vector<LearnedArm>& arms);
// Throws std::runtime_error naming the bad entry.
std::vector<LearnedArm> arms_from_json(const nlohmann::json& json);

// Rows of the same (hardware, bound, strategy) summed.
std::vector<LearnedArm> merge_arms(const std::vector<LearnedArm>& a, const std::vector<LearnedArm>& b);

// The memory file: empty when it does not exist; throws std::runtime_error
// naming the file when it cannot be read or parsed.
std::vector<LearnedArm> load_memory(const std::filesystem::path& file);
// Written atomically (temporary file + rename).
void save_memory(const std::filesystem::path& file, const std::vector<LearnedArm>& arms);

}  // namespace kevo::operators::bandit
