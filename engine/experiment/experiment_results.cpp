#include "engine/experiment/experiment_results.hpp"

#include <chrono>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/campaign/task_summary.hpp"
#include "engine/experiment/experiment_runner.hpp"
#include "engine/experiment/run_metrics.hpp"

namespace kevo::engine {
namespace {

constexpr const char* kHeader =
    "experiment,arm,method,islands,migration,operators,strategy_choice,task,seed,device,evaluations,"
    "evaluations_run,proposed,correct,correctness_rate,pass,best_speedup,seed_ms,best_ms,best_seed_ms,gain_over_seeds,"
    "roofline_fraction,bound,"
    "search_seconds,target_speedup,evaluations_to_target,seconds_to_target";

std::string number(double value) {
  std::ostringstream out;
  out << std::setprecision(6) << value;
  return out.str();
}

template <typename T>
std::string optional_number(const std::optional<T>& value) {
  return value ? number(static_cast<double>(*value)) : "";
}

// Operator lists hold '+', never ','; quote anyway so any name stays one field.
std::string quoted(const std::string& text) { return "\"" + text + "\""; }

void write_rows(std::ostream& out, const ExperimentConfig& e, const ExperimentCell& cell, const TaskSummary& summary,
                const RunMetrics& metrics) {
  const auto& t = cell.arm->traits;
  for (const auto& r : metrics.rows) {
    const double rate = r.proposed > 0 ? static_cast<double>(r.correct) / static_cast<double>(r.proposed) : 0;
    out << e.name << "," << cell.arm->name << "," << t.method << "," << t.islands << "," << (t.migration ? "on" : "off")
        << "," << quoted(t.operators) << "," << t.strategy_choice << "," << cell.task << "," << cell.seed << ","
        << quoted(summary.device_id) << "," << r.evaluations << "," << r.evaluations_run << "," << r.proposed << ","
        << r.correct << "," << number(rate) << "," << (r.correct > 0 ? 1 : 0) << "," << number(r.best_speedup) << ","
        << number(metrics.seed_seconds * 1e3) << "," << number(r.best_seconds * 1e3) << ","
        << number(metrics.best_seed_seconds * 1e3) << "," << number(metrics.best_seed_seconds / r.best_seconds) << ","
        << optional_number(r.roofline_fraction) << "," << r.bound << "," << number(r.search_seconds) << ","
        << number(e.target_speedup) << "," << optional_number(metrics.evaluations_to_target) << ","
        << optional_number(metrics.seconds_to_target) << "\n";
  }
}

std::string utc_now() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  std::ostringstream out;
  out << std::put_time(&utc, "%Y-%m-%d %H:%M UTC");
  return out.str();
}

nlohmann::json metadata(const ExperimentConfig& e, const std::string& command, const std::set<std::string>& devices,
                        const std::vector<std::string>& missing) {
  nlohmann::json arms = nlohmann::json::array();
  for (const auto& arm : e.arms)
    arms.push_back({{"name", arm.name}, {"method", arm.traits.method}, {"islands", arm.traits.islands},
                    {"migration", arm.traits.migration}, {"operators", arm.traits.operators},
                    {"strategy_choice", arm.traits.strategy_choice}});
  return {{"name", e.name},
          {"file", e.file.string()},
          {"command", command},
          {"written", utc_now()},
          {"devices", devices},
          {"tasks", e.tasks},
          {"seeds", e.seeds},
          {"arms", arms},
          {"baseline_arm", e.baseline_arm},
          {"evaluation_budget", e.evaluation_budget},
          {"milestones", e.milestones},
          {"target_speedup", e.target_speedup},
          {"missing", missing}};
}

}  // namespace

ExperimentResults write_experiment_results(const ExperimentConfig& e, const std::string& command) {
  ExperimentResults results;
  results.csv = e.run_dir / "results.csv";
  results.metadata = e.run_dir / "experiment.json";
  std::ofstream csv(results.csv);
  csv << kHeader << "\n";
  std::set<std::string> devices;
  for (const auto& cell : experiment_cells(e)) {
    if (!cell_done(e, cell)) {
      results.missing.push_back(cell.arm->name + "/" + cell.task + "/seed-" + std::to_string(cell.seed));
      continue;
    }
    const population::Archive archive(cell_run_dir(e, cell) / "archive.sqlite");
    const auto summary = task_summary_from_json(nlohmann::json::parse(*archive.get_state(task_summary_key(cell.task))));
    const auto metrics = run_metrics(archive.history(cell.task), summary.seed_seconds, e.milestones, e.target_speedup);
    write_rows(csv, e, cell, summary, metrics);
    results.final_speedups[{cell.arm->name, cell.task}].push_back(metrics.rows.back().best_speedup);
    devices.insert(summary.device_id);
    ++results.cells_with_results;
  }
  std::ofstream(results.metadata) << metadata(e, command, devices, results.missing).dump(2) << "\n";
  return results;
}

}  // namespace kevo::engine
