#include "engine/campaign/device_report.hpp"

#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "engine/progress.hpp"
#include "engine/strategy_selector.hpp"
#include "population/archive.hpp"

namespace kevo::engine {
namespace {

double geometric_mean(const std::vector<double>& values) {
  double log_sum = 0;
  for (double v : values) log_sum += std::log(v);
  return std::exp(log_sum / static_cast<double>(values.size()));
}

// Speedup of each measured variant on each device model: over each device's
// own seed, the geometric mean over the devices of that model (two GPUs of
// one model are one model: "cuda:0:NVIDIA-H200" and "cuda:1:NVIDIA-H200").
std::map<std::string, std::map<std::string, double>> speedups(const DeviceTable& table) {
  std::map<std::string, double> seed_seconds;
  for (const auto& summary : table.per_device)
    if (summary.seed_seconds > 0) seed_seconds[summary.device_id] = summary.seed_seconds;
  std::map<std::string, std::map<std::string, std::vector<double>>> samples;  // variant -> model -> speedups
  for (const auto& m : table.measurements) {
    const auto seed = seed_seconds.find(m.device_id);
    if (seed != seed_seconds.end() && m.seconds > 0)
      samples[m.variant_id][hardware_of(m.device_id)].push_back(seed->second / m.seconds);
  }
  std::map<std::string, std::map<std::string, double>> by_variant;  // variant -> model -> speedup
  for (const auto& [id, models] : samples)
    for (const auto& [model, values] : models) by_variant[id][model] = geometric_mean(values);
  return by_variant;
}

void render_task(std::ostringstream& out, const DeviceTable& table) {
  const auto by_variant = speedups(table);
  std::set<std::string> devices;  // device models
  for (const auto& summary : table.per_device) devices.insert(hardware_of(summary.device_id));
  out << "\n### " << table.task << "\n\n| device model | best variant | speedup over the seed |\n|---|---|---|\n";
  for (const auto& device : devices) {
    std::string best_id;
    double best = 0;
    for (const auto& [id, on] : by_variant)
      if (auto it = on.find(device); it != on.end() && it->second > best) best = it->second, best_id = id;
    out << "| " << device << " | " << (best_id.empty() ? "-" : best_id.substr(0, 12)) << " | "
        << (best_id.empty() ? "-" : format_speedup(best)) << " |\n";
  }
  std::string portable_id;
  double portable = 0;
  for (const auto& [id, on] : by_variant) {
    if (on.size() != devices.size() || devices.size() < 2) continue;
    std::vector<double> values;
    for (const auto& [device, speedup] : on) values.push_back(speedup);
    const double mean = geometric_mean(values);
    if (mean > portable) portable = mean, portable_id = id;
  }
  if (devices.size() < 2) {
    out << "\nOne device model only: no portable ranking.\n";
  } else if (portable_id.empty()) {
    out << "\nNo variant was measured correct on every device model.\n";
  } else {
    out << "\nBest portable variant: " << portable_id.substr(0, 12) << ", geometric mean " << format_speedup(portable)
        << " over " << devices.size() << " device models (";
    bool first = true;
    for (const auto& [device, speedup] : by_variant.at(portable_id))
      out << (first ? "" : ", ") << device << " " << format_speedup(speedup), first = false;
    out << ").\n";
  }
}

}  // namespace

std::vector<DeviceTable> read_device_tables(const std::vector<std::filesystem::path>& archives,
                                            const std::vector<std::string>& tasks) {
  std::vector<DeviceTable> tables;
  for (const auto& task : tasks) tables.push_back({task, {}, {}});
  for (const auto& path : archives) {
    population::Archive archive(path);
    for (auto& table : tables) {
      const auto summary = archive.get_state(task_summary_key(table.task));
      if (!summary) continue;
      table.per_device.push_back(task_summary_from_json(nlohmann::json::parse(*summary)));
      std::set<std::string> ids;
      for (const auto& variant : archive.all_variants(table.task)) ids.insert(variant.content_hash());
      for (const auto& evaluation : archive.evaluations_for_device(table.per_device.back().device_id)) {
        if (!evaluation.ok() || !ids.count(evaluation.variant_id)) continue;
        if (auto seconds = evaluation.bench_seconds())
          table.measurements.push_back({evaluation.variant_id, evaluation.device_id, *seconds});
      }
    }
  }
  return tables;
}

std::string render_device_tables(const std::vector<DeviceTable>& tables) {
  std::ostringstream out;
  out << "\n## Per device model and portable\n\nEach rank measures on its own device; migrants are measured again "
         "where they arrive. A speedup is over each device's own seed, averaged (geometric mean) over the devices "
         "of one model.\n";
  for (const auto& table : tables)
    if (!table.per_device.empty()) render_task(out, table);
  return out.str();
}

}  // namespace kevo::engine
