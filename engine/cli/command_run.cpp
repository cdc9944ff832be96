// kevo run <campaign.yaml> / kevo resume <run_dir>
#include <cstdio>
#include <iostream>

#include "engine/campaign/campaign.hpp"
#include "engine/cli/command_options.hpp"
#include "engine/cli/stop_signal.hpp"

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

int execute(const CampaignConfig& config, RunMode mode) {
  StopSignal stop;
  Progress progress(std::cout, stdout_is_terminal());
  const auto context = make_context(config.cache_dir, config.compile_jobs);
  progress.message("kevo " + std::string(mode == RunMode::fresh ? "run" : "resume") + " '" + config.name +
                   "': " + std::to_string(config.tasks.size()) + " task(s), " + to_string(config.search.method) +
                   " search, " + std::to_string(config.islands) + " island(s), run dir " +
                   config.run_dir.string());
  const auto outcome = run_campaign(config, context, progress, stop.requested(), mode);
  print_outcome(outcome, config);
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
