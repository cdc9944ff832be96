// kevo experiment <experiment.yaml>: runs a grid of search arms x tasks x
// seeds on equal evaluation budgets (in sequence, or spread over MPI ranks),
// then writes results.csv, experiment.json, plots and report.md.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>

#include "engine/cli/command_options.hpp"
#include "engine/cli/stop_signal.hpp"
#include "engine/distributed/mpi_messenger.hpp"
#include "engine/experiment/experiment_report.hpp"
#include "engine/experiment/experiment_results.hpp"
#include "engine/experiment/experiment_runner.hpp"

namespace kevo::engine::cli {
namespace {

void print_summary(const ExperimentConfig& e, const ExperimentResults& results) {
  std::cout << "\nbest speedup over the seed after " << e.milestones.back()
            << " evaluations (geometric mean over seeds):\n";
  std::printf("  %-28s", "arm");
  for (const auto& task : e.tasks) std::printf(" %12s", task.c_str());
  std::printf("\n");
  for (const auto& arm : e.arms) {
    std::printf("  %-28s", arm.name.c_str());
    for (const auto& task : e.tasks) {
      const auto found = results.final_speedups.find({arm.name, task});
      if (found == results.final_speedups.end()) {
        std::printf(" %12s", "-");
        continue;
      }
      double log_sum = 0;
      for (const double speedup : found->second) log_sum += std::log(speedup);
      std::printf(" %12s", format_speedup(std::exp(log_sum / static_cast<double>(found->second.size()))).c_str());
    }
    std::printf("\n");
  }
  std::cout << "results: " << results.csv.string() << " (" << results.cells_with_results << " runs)\n";
  for (const auto& cell : results.missing) std::cout << "  not finished: " << cell << "\n";
}

// Rank 0, once every rank is done: the tidy results, then the plots and report.
int write_outputs(const ExperimentConfig& e, const std::string& command, bool report) {
  const auto results = write_experiment_results(e, command);
  print_summary(e, results);
  if (!report) return kExitOk;
  try {
    std::cout << write_experiment_report(e);
    std::cout << "report: " << (e.run_dir / "report.md").string() << "\n";
  } catch (const std::exception& error) {
    std::cerr << "kevo experiment: results are written, the report is not: " << error.what() << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

// This rank's share of the cells; rank 0 talks to the terminal, the others
// write ranks/rank-<r>.log.
ExperimentOutcome run_share(const ExperimentConfig& experiment, const RankLayout& layout) {
  const bool lead = layout.rank == 0;
  std::ofstream rank_log;
  if (!lead) {
    std::filesystem::create_directories(experiment.run_dir / "ranks");
    rank_log.open(experiment.run_dir / "ranks" / ("rank-" + std::to_string(layout.rank) + ".log"), std::ios::app);
  }
  StopSignal stop;
  Progress progress(lead ? std::cout : rank_log, lead && stdout_is_terminal());
  progress.message("kevo experiment '" + experiment.name + "': " + std::to_string(experiment.arms.size()) +
                   " arms x " + std::to_string(experiment.tasks.size()) + " tasks x " +
                   std::to_string(experiment.seeds.size()) + " seeds = " +
                   std::to_string(experiment_cells(experiment).size()) + " runs of " +
                   std::to_string(experiment.evaluation_budget) + " evaluations" +
                   (layout.distributed() ? " over " + std::to_string(layout.size) + " ranks" : "") + ", run dir " +
                   experiment.run_dir.string());
  const auto context = [](const CampaignConfig& c) { return make_context(c.cache_dir, c.compile_jobs); };
  return run_experiment_cells(experiment, context, progress, stop.requested(), layout);
}

}  // namespace

int experiment_command(const Arguments& args) {
  po::options_description options("kevo experiment options");
  std::string file;
  bool report_only = false, no_report = false;
  options.add_options()("experiment", po::value(&file)->required(), "experiment YAML file")(
      "report-only", po::bool_switch(&report_only), "run nothing: rewrite results, plots and report from the runs so far")(
      "no-report", po::bool_switch(&no_report), "write results.csv but no plots or report.md (no Python needed)");
  po::positional_options_description positional;
  positional.add("experiment", 1);
  po::variables_map values;
  if (!parse_options(args, "usage: kevo experiment <experiment.yaml> [--report-only] [--no-report]", options,
                     positional, values))
    return kExitOk;
  const auto experiment = load_experiment(file);
  std::optional<MpiConnection> mpi;
  if (launched_by_mpi()) mpi = connect_mpi();
  RankLayout layout;
  if (mpi) layout = {mpi->messenger->rank(), mpi->messenger->size(), mpi->local_rank, 1};
  if (!layout.distributed() && experiment.devices.size() > 1)
    throw ConfigError(file + ": campaign.devices lists " + std::to_string(experiment.devices.size()) +
                      " devices; spread the experiment over one MPI rank per device: mpirun -np " +
                      std::to_string(experiment.devices.size()) + " --bind-to none kevo experiment " + file);
  const bool lead = layout.rank == 0;
  prepare_experiment_dir(experiment);
  ExperimentOutcome outcome;
  if (!report_only) {
    outcome = run_share(experiment, layout);
    if (mpi) mpi->messenger->finish();  // every rank's cells are done: rank 0 reads them all
  }
  if (!lead) return outcome.failures.empty() ? kExitOk : kExitFailure;
  // What reruns it: a distributed experiment is continued with as many ranks.
  const std::string command =
      (layout.distributed() ? "mpirun -np " + std::to_string(layout.size) + " --bind-to none " : "") +
      "kevo experiment " + file;
  int code = write_outputs(experiment, command, !no_report);
  if (outcome.interrupted) std::cout << "stopped after committing; continue with: " << command << "\n";
  if (!outcome.failures.empty()) {
    std::cerr << "kevo experiment: " << outcome.failures.size() << " run(s) failed:\n";
    for (const auto& failure : outcome.failures) std::cerr << "  " << failure << "\n";
    code = kExitFailure;
  }
  return code;
}

}  // namespace kevo::engine::cli
