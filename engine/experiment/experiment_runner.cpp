#include "engine/experiment/experiment_runner.hpp"

#include <chrono>
#include <fstream>
#include <sstream>

#include "engine/campaign/campaign.hpp"
#include "engine/campaign/task_summary.hpp"
#include "population/archive.hpp"

namespace kevo::engine {
namespace {

std::string cell_label(const ExperimentCell& cell) {
  return cell.arm->name + "/" + cell.task + "/seed-" + std::to_string(cell.seed);
}

// One cell: fresh, or resumed where an earlier invocation left it.
CampaignOutcome run_cell(const ExperimentConfig& experiment, const ExperimentCell& cell, const std::string& device,
                         const ContextFactory& make_context, Progress& progress, const std::atomic<bool>& stop) {
  const auto campaign = cell_campaign(experiment, *cell.arm, cell.task, cell.seed, device);
  const bool started = std::filesystem::exists(campaign.run_dir / "archive.sqlite");
  return run_campaign(campaign, make_context(campaign), progress, stop, started ? RunMode::resume : RunMode::fresh);
}

}  // namespace

std::vector<ExperimentCell> experiment_cells(const ExperimentConfig& experiment) {
  std::vector<ExperimentCell> cells;
  for (const auto seed : experiment.seeds)
    for (const auto& task : experiment.tasks)
      for (const auto& arm : experiment.arms) cells.push_back({&arm, task, seed});
  return cells;
}

std::filesystem::path cell_run_dir(const ExperimentConfig& experiment, const ExperimentCell& cell) {
  return experiment.run_dir / "runs" / cell.arm->name / cell.task / ("seed-" + std::to_string(cell.seed));
}

bool cell_done(const ExperimentConfig& experiment, const ExperimentCell& cell) {
  const auto archive_path = cell_run_dir(experiment, cell) / "archive.sqlite";
  if (!std::filesystem::exists(archive_path)) return false;
  const population::Archive archive(archive_path);
  const auto state = archive.get_state(task_summary_key(cell.task));
  return state && task_summary_from_json(nlohmann::json::parse(*state)).done;
}

void prepare_experiment_dir(const ExperimentConfig& experiment) {
  const auto stored = experiment.run_dir / "experiment.yaml";
  if (std::filesystem::exists(stored)) {
    std::ifstream in(stored);
    std::stringstream text;
    text << in.rdbuf();
    if (text.str() != experiment.text)
      throw ConfigError(experiment.run_dir.string() + ": holds another experiment (its experiment.yaml differs from " +
                        experiment.file.string() + "); set run_dir to a new folder, or restore the file to continue");
    return;
  }
  std::filesystem::create_directories(experiment.run_dir);
  std::ofstream(stored) << experiment.text;
}

ExperimentOutcome run_experiment_cells(const ExperimentConfig& experiment, const ContextFactory& make_context,
                                       Progress& progress, const std::atomic<bool>& stop, const RankLayout& layout) {
  const auto cells = experiment_cells(experiment);
  const auto device = device_for_rank(experiment.devices, layout);
  ExperimentOutcome outcome;
  for (std::size_t i = static_cast<std::size_t>(layout.rank); i < cells.size(); i += static_cast<std::size_t>(layout.size)) {
    ++outcome.cells;
    const auto& cell = cells[i];
    const std::string where = "[" + std::to_string(i + 1) + "/" + std::to_string(cells.size()) + "] " + cell_label(cell);
    if (cell_done(experiment, cell)) {
      ++outcome.already_done;
      continue;
    }
    if (stop) break;
    progress.message(where + " on " + device);
    const auto started = std::chrono::steady_clock::now();
    try {
      const auto result = run_cell(experiment, cell, device, make_context, progress, stop);
      if (result.interrupted || result.tasks.empty()) break;
      ++outcome.ran;
      const auto& task = result.tasks.front().result;
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      progress.message(where + ": best " + format_speedup(task.best.speedup) + " after " +
                       std::to_string(task.counters.evaluations) + " evaluations, " + format_duration(seconds));
    } catch (const std::exception& error) {
      outcome.failures.push_back(cell_label(cell) + ": " + error.what());
      progress.message(where + " failed: " + error.what());
    }
  }
  outcome.interrupted = stop.load();
  return outcome;
}

}  // namespace kevo::engine
