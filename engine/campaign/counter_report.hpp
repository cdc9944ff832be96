#pragma once
// The report's "Hardware counters" section: for every profiled variant of
// every task (the seeds, the best of each generation), the bytes the task's
// formula says it needs against the DRAM bytes it moved, its occupancy and
// L2 hit rate, the bound before (formulas) and after (measured traffic and
// counters), what limits it most, and what reading the counters cost.
#include <filesystem>
#include <string>
#include <vector>

#include "engine/campaign/campaign_config.hpp"

namespace kevo::engine {

// "" when no variant of the run was profiled.
std::string render_counter_section(const CampaignConfig& config, const std::vector<std::filesystem::path>& archives);

}  // namespace kevo::engine
