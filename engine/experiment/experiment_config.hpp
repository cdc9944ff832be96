#pragma once
// ExperimentConfig: what an experiment YAML says. An experiment is a grid of
// arms (search set-ups) x tasks x seeds; each cell is one ordinary campaign,
// built from the shared `campaign:` section with the arm's overrides laid on
// top, so an arm differs from another only in what its overrides say and
// every arm spends the same evaluation budget.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "engine/campaign/campaign_config.hpp"

namespace kevo::engine {

// How an arm searches, in the words of the results table.
struct ArmTraits {
  std::string method;           // greedy | random | evolutionary
  int islands = 1;
  bool migration = false;       // on only where there are islands to migrate between
  std::string operators;        // "knob_mutation+knob_crossover"
  std::string strategy_choice;  // the strategy bandit's policy, or "-" without the strategy operator
};

struct ExperimentArm {
  std::string name;
  YAML::Node overrides;  // campaign keys laid over the shared section
  ArmTraits traits;
};

struct ExperimentConfig {
  std::string name;
  std::filesystem::path file;      // the experiment YAML it came from
  std::string text;                // that file's text, stored with the run to recognise it on a rerun
  std::filesystem::path run_dir;   // default runs/<name>
  std::vector<std::string> tasks;
  std::vector<std::uint64_t> seeds;
  std::vector<ExperimentArm> arms;
  std::string baseline_arm;        // the arm others are tested against (default: the first)
  std::vector<std::int64_t> milestones;  // evaluation counts reported; default 1..budget
  double target_speedup = 2.0;     // "evaluations to reach this speedup" is reported
  std::vector<std::string> devices;      // one, or one per MPI rank
  std::int64_t evaluation_budget = 0;    // per run; equal for every arm
  std::filesystem::path python = "/usr/bin/python3";  // a Python with matplotlib and scipy, for the report
  std::filesystem::path report_script = "experiments/report/experiment_report.py";
  YAML::Node campaign;             // the shared campaign keys
};

ExperimentConfig load_experiment(const std::filesystem::path& file);
ExperimentConfig parse_experiment(const std::string& yaml_text, const std::filesystem::path& file);

// One cell of the grid as a complete campaign: run_dir
// <run_dir>/runs/<arm>/<task>/seed-<seed>, its own bandit memory (no cell
// learns from another), a compile cache shared by the arm's cells only.
CampaignConfig cell_campaign(const ExperimentConfig& experiment, const ExperimentArm& arm, const std::string& task,
                             std::uint64_t seed, const std::string& device);

}  // namespace kevo::engine
