// kevo tasks [--task-dir DIR] [--hip-arch gfx90a]...: lists and validates
// every task; with --hip-arch also compiles, for each AMD target, every seed
// and GPU reference declared `portable_to: [hip]` (hiprtc; no AMD GPU needed).
#include <algorithm>
#include <iostream>
#include <memory>

#include "engine/cli/command_options.hpp"
#include "fitness/hip/hiprtc_compiler.hpp"
#include "fitness/knob_space.hpp"
#include "fitness/task.hpp"

namespace kevo::engine::cli {
namespace {

bool portable_to_hip(const std::vector<population::Language>& languages) {
  return std::find(languages.begin(), languages.end(), population::Language::hip) != languages.end();
}

std::vector<std::string> kernels_of(const population::LaunchPlan& plan) {
  std::vector<std::string> names;
  for (const auto& step : plan.steps) names.push_back(step.kernel);
  return names;
}

// The task's HIP sources at their seed points, labelled by seed (or "reference").
std::vector<fitness::hip::HipCompileJob> hip_jobs(const fitness::Task& task) {
  std::vector<fitness::hip::HipCompileJob> jobs;
  for (const auto& seed : task.seeds)
    if (portable_to_hip(seed.portable_to))
      jobs.push_back({seed.name, seed.source, task.seed_variant(seed).knobs, kernels_of(seed.launch)});
  if (task.gpu_reference && portable_to_hip(task.gpu_reference->portable_to))
    jobs.push_back({"reference", task.gpu_reference->source, {}, kernels_of(task.gpu_reference->launch)});
  return jobs;
}

// One line per target: each source ok, or its first error line. Returns whether all compiled.
bool report_hip(const fitness::Task& task, const fitness::hip::HiprtcCompiler& compiler) {
  const auto jobs = hip_jobs(task);
  std::cout << "    hip " << compiler.arch() << ":";
  if (jobs.empty()) {
    std::cout << " no source is portable_to hip\n";
    return true;
  }
  const auto results = compiler.compile_all(jobs);
  bool all = true;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    all = all && results[i].ok;
    std::cout << " " << jobs[i].label << (results[i].ok ? " ok" : " FAILED");
  }
  std::cout << "\n";
  for (std::size_t i = 0; i < jobs.size(); ++i)
    if (!results[i].ok) std::cout << "      " << jobs[i].label << ": " << results[i].log.substr(0, results[i].log.find('\n')) << "\n";
  return all;
}

}  // namespace

int tasks_command(const Arguments& args) {
  po::options_description options("kevo tasks options");
  std::string task_dir = "configs/tasks", cache_dir = "runs/.cache";
  std::vector<std::string> hip_archs;
  options.add_options()("task-dir", po::value(&task_dir), "folder of task folders (default configs/tasks)")(
      "hip-arch", po::value(&hip_archs)->composing(),
      "also compile the HIP-portable seeds for this AMD target (repeatable: gfx90a, gfx942, ...)")(
      "cache-dir", po::value(&cache_dir), "compile cache for --hip-arch (default runs/.cache)");
  po::positional_options_description positional;
  po::variables_map values;
  if (!parse_options(args, "usage: kevo tasks [--task-dir DIR] [--hip-arch ARCH]...", options, positional, values))
    return kExitOk;
  std::vector<std::unique_ptr<fitness::hip::HiprtcCompiler>> hip;
  for (const auto& arch : hip_archs)
    hip.push_back(std::make_unique<fitness::hip::HiprtcCompiler>(make_context(cache_dir, 2), arch));
  if (!std::filesystem::is_directory(task_dir)) {
    std::cerr << "kevo tasks: " << task_dir << ": not a folder; pass --task-dir\n";
    return kExitBadInput;
  }
  std::vector<std::filesystem::path> folders;
  for (const auto& entry : std::filesystem::directory_iterator(task_dir))
    if (std::filesystem::exists(entry.path() / "task.yaml")) folders.push_back(entry.path());
  std::sort(folders.begin(), folders.end());
  int invalid = 0;
  bool hip_ok = true;
  for (const auto& folder : folders) {
    try {
      const auto task = fitness::load_task(folder);
      std::cout << task.name << ": " << task.description << "\n    bench " << task.bench.label() << ", "
                << task.checks.size() << " check sizes, seeds:";
      for (const auto& seed : task.seeds)
        std::cout << " " << seed.name << " (" << fitness::enumerate_knob_space(seed).size() << " knob points)";
      if (task.seeds.empty()) std::cout << " none (a campaign with an llm operator drafts them from the reference)";
      if (task.reference_kind == fitness::ReferenceKind::pytorch)
        std::cout << "; reference: the PyTorch problem " << task.reference_file.filename().string() << " (needs PyTorch)";
      std::cout << "\n";
      for (const auto& compiler : hip) hip_ok = report_hip(task, *compiler) && hip_ok;
    } catch (const std::exception& error) {
      ++invalid;
      std::cout << folder.filename().string() << ": INVALID: " << error.what() << "\n";
    }
  }
  if (invalid != 0) return kExitBadInput;
  return hip_ok ? kExitOk : kExitFailure;
}

}  // namespace kevo::engine::cli
