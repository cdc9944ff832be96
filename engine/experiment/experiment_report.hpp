#pragma once
// The experiment's plots and report.md come from a Python script driving
// matplotlib and scipy (Debian's python3-matplotlib, python3-scipy), run on
// the results kevo wrote: kevo measures, a well-kept plotting library draws.
#include <string>

#include "engine/experiment/experiment_config.hpp"

namespace kevo::engine {

// Runs `python report_script run_dir`; returns the script's output. Throws
// std::runtime_error naming the interpreter and script when it cannot run or fails.
std::string write_experiment_report(const ExperimentConfig& experiment);

}  // namespace kevo::engine
