#pragma once
// The experiment's tidy results: results.csv with one row per arm x task x
// seed x evaluation milestone, read back from each finished cell's archive,
// and experiment.json saying what was run, where and when (the report's
// header). Cells that did not finish are listed there, never guessed.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "engine/experiment/experiment_config.hpp"

namespace kevo::engine {

struct ExperimentResults {
  std::filesystem::path csv;
  std::filesystem::path metadata;
  int cells_with_results = 0;
  std::vector<std::string> missing;  // cells without a finished run
  // Best speedup at the last milestone, per (arm, task), one value per seed: the console summary.
  std::map<std::pair<std::string, std::string>, std::vector<double>> final_speedups;
};

// `command` is how the experiment was started (recorded for reruns).
ExperimentResults write_experiment_results(const ExperimentConfig& experiment, const std::string& command);

}  // namespace kevo::engine
