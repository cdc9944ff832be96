// kevo sweep <task>: evaluates every valid knob point of a task's seed
// families. The exhaustive optimum is the yardstick for search methods.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "engine/cli/command_options.hpp"
#include "fitness/device_spec.hpp"
#include "engine/individual.hpp"
#include "fitness/evaluator.hpp"
#include "fitness/knob_space.hpp"

namespace kevo::engine::cli {
namespace {

std::vector<population::Variant> sweep_variants(const fitness::Task& task, const std::string& family) {
  std::vector<population::Variant> variants;
  for (const auto& seed : task.seeds) {
    if (!family.empty() && seed.name != family) continue;
    for (auto& knobs : fitness::enumerate_knob_space(seed)) {
      auto variant = task.seed_variant(seed);
      variant.knobs = std::move(knobs);
      variant.lineage.operator_name = "sweep";
      variants.push_back(std::move(variant));
    }
  }
  return variants;
}

}  // namespace

int sweep_command(const Arguments& args) {
  po::options_description options("kevo sweep options");
  std::string task_name, task_dir = "configs/tasks", family, csv, cache_dir = "runs/.cache", device_text = "cpu";
  int samples = 10, batch = 8;
  options.add_options()("task", po::value(&task_name)->required(), "task name")(
      "task-dir", po::value(&task_dir), "folder of task folders (default configs/tasks)")(
      "device", po::value(&device_text), "cpu, cuda or cuda:N (default cpu)")(
      "family", po::value(&family), "sweep only this seed family")(
      "samples", po::value(&samples), "timed samples per point (default 10)")(
      "batch", po::value(&batch), "variants compiled in parallel per batch (default 8)")(
      "cache-dir", po::value(&cache_dir), "compile cache (default runs/.cache)")(
      "csv", po::value(&csv), "write every point to this CSV file");
  po::positional_options_description positional;
  positional.add("task", 1);
  po::variables_map values;
  if (!parse_options(args, "usage: kevo sweep <task> [options]", options, positional, values)) return kExitOk;

  const auto task = fitness::load_task(std::filesystem::path(task_dir) / task_name);
  fitness::EvaluationProtocol protocol;
  protocol.samples = samples;
  const auto device = fitness::parse_device_spec(device_text);
  if (!device) {
    std::cerr << "kevo sweep: --device " << device_text << ": unknown; use cpu, cuda or cuda:N\n";
    return kExitBadInput;
  }
  if (task.seeds.empty()) {
    std::cerr << "kevo sweep: task '" << task.name << "' has no seed kernel, so no knobs to sweep; add one under seeds:\n";
    return kExitBadInput;
  }
  auto evaluator = fitness::make_evaluator(*device, make_context(cache_dir, 2), task, protocol);

  const auto seed_eval = evaluator->evaluate({task.seed_variant(task.seeds.front())}).front();
  if (!seed_eval.ok()) {
    std::cerr << "kevo sweep: the seed failed: " << seed_eval.error << "\n";
    return kExitFailure;
  }
  const double baseline = *seed_eval.bench_seconds();
  const auto variants = sweep_variants(task, family);
  std::cout << task.name << ": seed " << baseline * 1e3 << " ms on " << evaluator->device_id() << "; sweeping "
            << variants.size() << " points\n";

  std::vector<Individual> results;
  for (std::size_t start = 0; start < variants.size(); start += static_cast<std::size_t>(batch)) {
    const auto end = std::min(variants.size(), start + static_cast<std::size_t>(batch));
    const std::vector<population::Variant> chunk(variants.begin() + static_cast<long>(start),
                                                 variants.begin() + static_cast<long>(end));
    const auto evaluations = evaluator->evaluate(chunk);
    for (std::size_t i = 0; i < chunk.size(); ++i)
      results.push_back({evaluations[i].variant_id, chunk[i], evaluations[i], speedup_over(baseline, evaluations[i])});
    std::cerr << "  " << end << "/" << variants.size() << " evaluated\n";
  }
  std::sort(results.begin(), results.end(), fitter);

  if (!csv.empty()) {
    std::ofstream out(csv);
    out << "family,knobs,status,median_ms,spread,speedup\n";
    for (const auto& r : results)
      out << r.variant.seed_name << ",\"" << population::knobs_to_text(r.variant.knobs) << "\","
          << population::to_string(r.evaluation.status) << ","
          << r.evaluation.bench_seconds().value_or(0) * 1e3 << ","
          << (r.evaluation.timings.empty() ? 0 : r.evaluation.timings.front().spread) << "," << r.speedup << "\n";
  }
  const auto failures = std::count_if(results.begin(), results.end(), [](const auto& r) { return !r.evaluation.ok(); });
  std::cout << "top points (" << failures << " of " << results.size() << " failed):\n";
  for (std::size_t i = 0; i < std::min<std::size_t>(10, results.size()); ++i) {
    char line[64];
    std::snprintf(line, sizeof line, "  %6.2fx  %8.3f ms  ", results[i].speedup,
                  results[i].evaluation.bench_seconds().value_or(0) * 1e3);
    std::cout << line << results[i].variant.seed_name << ": " << population::knobs_to_text(results[i].variant.knobs) << "\n";
  }
  return kExitOk;
}

}  // namespace kevo::engine::cli
