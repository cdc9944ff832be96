// kevo tasks [--task-dir DIR]: lists and validates every task.
#include <algorithm>
#include <iostream>

#include "engine/cli/command_options.hpp"
#include "fitness/knob_space.hpp"
#include "fitness/task.hpp"

namespace kevo::engine::cli {

int tasks_command(const Arguments& args) {
  po::options_description options("kevo tasks options");
  std::string task_dir = "configs/tasks";
  options.add_options()("task-dir", po::value(&task_dir), "folder of task folders (default configs/tasks)");
  po::positional_options_description positional;
  po::variables_map values;
  if (!parse_options(args, "usage: kevo tasks [--task-dir DIR]", options, positional, values)) return kExitOk;
  if (!std::filesystem::is_directory(task_dir)) {
    std::cerr << "kevo tasks: " << task_dir << ": not a folder; pass --task-dir\n";
    return kExitBadInput;
  }
  std::vector<std::filesystem::path> folders;
  for (const auto& entry : std::filesystem::directory_iterator(task_dir))
    if (std::filesystem::exists(entry.path() / "task.yaml")) folders.push_back(entry.path());
  std::sort(folders.begin(), folders.end());
  int invalid = 0;
  for (const auto& folder : folders) {
    try {
      const auto task = fitness::load_task(folder);
      std::cout << task.name << ": " << task.description << "\n    bench " << task.bench.label() << ", "
                << task.checks.size() << " check sizes, seeds:";
      for (const auto& seed : task.seeds)
        std::cout << " " << seed.name << " (" << fitness::enumerate_knob_space(seed).size() << " knob points)";
      std::cout << "\n";
    } catch (const std::exception& error) {
      ++invalid;
      std::cout << folder.filename().string() << ": INVALID: " << error.what() << "\n";
    }
  }
  return invalid == 0 ? kExitOk : kExitBadInput;
}

}  // namespace kevo::engine::cli
