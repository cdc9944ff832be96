// kevo run <campaign.yaml> / kevo resume <run_dir>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>

#include "engine/campaign/campaign.hpp"
#include "engine/cli/command_options.hpp"
#include "engine/cli/stop_signal.hpp"
#include "engine/distributed/mpi_messenger.hpp"

namespace kevo::engine::cli {
namespace {

void print_outcome(const CampaignOutcome& outcome, const CampaignConfig& config) {
  for (const auto& t : outcome.tasks) {
    char line[256];
    std::snprintf(line, sizeof line, "%-12s best %.2fx over the seed (%.3f ms -> %.3f ms), %lld evaluations",
                  t.task.c_str(), t.result.best.speedup, t.result.baseline_seconds * 1e3,
                  t.result.best.evaluation.bench_seconds().value_or(0) * 1e3,
                  static_cast<long long>(t.result.counters.evaluations));
    std::cout << line << "\n    -> " << t.best_file.string() << "\n";
  }
  std::cout << "report: " << (config.run_dir / "report.md").string() << "\n";
  if (outcome.interrupted)
    std::cout << "stopped after committing; continue with: kevo resume " << config.run_dir.string() << "\n";
}

// Under mpirun or srun every rank runs this: rank 0 talks to the terminal,
// the others write their progress to shards/rank-<r>.log.
int execute(const CampaignConfig& config, RunMode mode) {
  std::optional<MpiConnection> mpi;
  if (launched_by_mpi()) mpi = connect_mpi();
  Placement placement;
  if (mpi && mpi->messenger->size() > 1) {
    placement = {{mpi->messenger->rank(), mpi->messenger->size(), mpi->local_rank, config.islands},
                 mpi->messenger.get()};
  }
  const bool lead = placement.layout.rank == 0;
  std::ofstream rank_log;
  if (!lead) {
    const auto log_path = rank_log_path(config.run_dir, placement.layout);
    std::filesystem::create_directories(log_path.parent_path());
    rank_log.open(log_path, std::ios::app);
  }
  std::ostream& out = lead ? std::cout : rank_log;
  StopSignal stop;
  Progress progress(out, lead && stdout_is_terminal());
  const auto context = make_context(config.cache_dir, config.compile_jobs);
  const std::string ranks =
      placement.layout.distributed() ? ", " + std::to_string(placement.layout.size) + " ranks" : "";
  progress.message("kevo " + std::string(mode == RunMode::fresh ? "run" : "resume") + " '" + config.name +
                   "': " + std::to_string(config.tasks.size()) + " task(s), " + to_string(config.search.method) +
                   " search, " + std::to_string(config.islands) + " island(s)" + (ranks.empty() ? "" : " per rank") +
                   ranks + ", run dir " + config.run_dir.string());
  if (mpi) {
    if (const auto warning = core_binding_warning(); !warning.empty()) progress.message("warning: " + warning);
  }
  const auto outcome = run_campaign(config, context, progress, stop.requested(), mode, placement);
  if (!outcome.rank_failure.empty()) out << "rank failed: " << outcome.rank_failure << "\n";
  if (lead) print_outcome(outcome, config);
  return kExitOk;
}

}  // namespace

int run_command(const Arguments& args) {
  po::options_description options("kevo run options");
  std::string file, run_dir;
  options.add_options()("campaign", po::value(&file)->required(), "campaign YAML file")(
      "run-dir", po::value(&run_dir), "override the campaign's run_dir");
  po::positional_options_description positional;
  positional.add("campaign", 1);
  po::variables_map values;
  if (!parse_options(args, "usage: kevo run <campaign.yaml> [--run-dir DIR]", options, positional, values))
    return kExitOk;
  auto config = load_campaign(file);
  if (!run_dir.empty()) {
    config.run_dir = run_dir;
  }
  return execute(config, RunMode::fresh);
}

int resume_command(const Arguments& args) {
  po::options_description options("kevo resume options");
  std::string run_dir;
  options.add_options()("run-dir", po::value(&run_dir)->required(), "run directory (runs/<name>)");
  po::positional_options_description positional;
  positional.add("run-dir", 1);
  po::variables_map values;
  if (!parse_options(args, "usage: kevo resume <run_dir>", options, positional, values)) return kExitOk;
  return execute(load_run_config(run_dir), RunMode::resume);
}

}  // namespace kevo::engine::cli
