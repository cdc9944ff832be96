#pragma once
// The experiment's cells, run one after another as ordinary campaigns. Under
// MPI each rank takes every size-th cell and measures it on its own device.
// A rerun of the same experiment skips finished cells and resumes the one a
// stop or kill interrupted: an experiment resumes like a campaign.
#include <atomic>
#include <cstdint>
#include <functional>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/distributed/rank_layout.hpp"
#include "engine/experiment/experiment_config.hpp"
#include "engine/progress.hpp"
#include "fitness/context.hpp"

namespace kevo::engine {

struct ExperimentCell {
  const ExperimentArm* arm = nullptr;
  std::string task;
  std::uint64_t seed = 0;
};

// Seed by seed, then task, then arm: an experiment stopped half-way has
// compared every arm on the same seeds.
std::vector<ExperimentCell> experiment_cells(const ExperimentConfig& experiment);
std::filesystem::path cell_run_dir(const ExperimentConfig& experiment, const ExperimentCell& cell);
// Whether the cell's campaign finished (its task summary says done).
bool cell_done(const ExperimentConfig& experiment, const ExperimentCell& cell);

// Stores the experiment file in its run directory, or checks that the one
// stored there is the same: a run directory never mixes two experiments.
void prepare_experiment_dir(const ExperimentConfig& experiment);

struct ExperimentOutcome {
  int cells = 0;         // this rank's share
  int already_done = 0;  // finished by an earlier invocation
  int ran = 0;
  std::vector<std::string> failures;  // "arm/task/seed-s: what went wrong"
  bool interrupted = false;
};

// Builds the fitness context of a cell's campaign (compile cache, worker).
using ContextFactory = std::function<fitness::Context(const CampaignConfig&)>;

ExperimentOutcome run_experiment_cells(const ExperimentConfig& experiment, const ContextFactory& make_context,
                                       Progress& progress, const std::atomic<bool>& stop, const RankLayout& layout);

}  // namespace kevo::engine
