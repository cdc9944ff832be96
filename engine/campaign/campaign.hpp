#pragma once
// Campaign: a configuration turned into a run. Tasks are searched one after
// the other, each by its own archipelago; everything lands in runs/<name>/:
// config.yaml, archive.sqlite, best/<task>.* and report.md.
#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/archipelago/archipelago.hpp"
#include "engine/campaign/campaign_config.hpp"
#include "engine/distributed/messenger.hpp"
#include "engine/distributed/rank_layout.hpp"
#include "engine/progress.hpp"
#include "fitness/context.hpp"

namespace kevo::engine {

struct TaskOutcome {
  std::string task;
  ArchipelagoResult result;
  std::filesystem::path best_file;
};

struct CampaignOutcome {
  std::vector<TaskOutcome> tasks;
  bool interrupted = false;
  std::string rank_failure;  // a distributed rank's device failed: what happened ("" when none)
};

// Where this process runs: by default the whole campaign in one process; in
// a distributed campaign one rank of several, each with its own device,
// islands and archive shard, talking through `messenger`.
struct Placement {
  RankLayout layout;              // islands_per_rank is taken from the campaign
  Messenger* messenger = nullptr;  // required when layout.size > 1
};

enum class RunMode { fresh, resume };

// Runs (or resumes) the campaign. A fresh run refuses a run directory that
// already holds an archive: nothing stored is ever overwritten.
CampaignOutcome run_campaign(const CampaignConfig& config, const fitness::Context& context,
                             Progress& progress, const std::atomic<bool>& stop, RunMode mode,
                             Placement placement = {});

// The campaign stored in a run directory (runs/<name>/config.yaml).
CampaignConfig load_run_config(const std::filesystem::path& run_dir);

}  // namespace kevo::engine
