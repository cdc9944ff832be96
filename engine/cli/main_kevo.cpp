// kevo: evolves fast, correct kernels. See README.md.
#include <iostream>
#include <map>
#include <string>

#include <boost/program_options/errors.hpp>

#include "engine/campaign/campaign_config.hpp"
#include "engine/cli/commands.hpp"
#include "fitness/task.hpp"

namespace {

using namespace kevo::engine::cli;

const std::map<std::string, std::pair<int (*)(const Arguments&), const char*>> kCommands = {
    {"run", {run_command, "run a campaign:            kevo run configs/campaigns/quickstart.yaml"}},
    {"resume", {resume_command, "continue a stopped run:    kevo resume runs/<name>"}},
    {"report", {report_command, "rewrite and print a run's report.md: kevo report runs/<name>"}},
    {"tasks", {tasks_command, "list and validate tasks:   kevo tasks"}},
    {"config", {config_command, "campaign defaults/check:   kevo config --print-defaults"}},
    {"sweep", {sweep_command, "evaluate a task's whole knob space: kevo sweep matmul"}},
    {"experiment", {experiment_command, "compare search methods:    kevo experiment experiments/greedy_vs_evolutionary.yaml"}},
    {"import", {import_command, "KernelBench problems as tasks: kevo import kernelbench problem.py"}},
    {"calibrate", {calibrate_command, "measure a GPU's real ceilings: kevo calibrate --device cuda:0"}},
};

int usage(std::ostream& out) {
  out << "usage: kevo <command> [options]   (kevo <command> --help for its options)\n\ncommands:\n";
  for (const auto& [name, entry] : kCommands)
    out << "  " << name << std::string(name.size() < 12 ? 12 - name.size() : 1, ' ') << entry.second << "\n";
  return kExitBadInput;
}

}  // namespace

int main(int argc, char* argv[]) {
  if (argc < 2) return usage(std::cerr);
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    usage(std::cout);
    return kExitOk;
  }
  const auto command = kCommands.find(name);
  if (command == kCommands.end()) {
    std::cerr << "kevo: unknown command '" << name << "'\n";
    return usage(std::cerr);
  }
  const Arguments args(argv + 2, argv + argc);
  try {
    return command->second.first(args);
  } catch (const boost::program_options::error& error) {
    std::cerr << "kevo " << name << ": " << error.what() << " (see kevo " << name << " --help)\n";
  } catch (const kevo::engine::ConfigError& error) {
    std::cerr << "kevo " << name << ": " << error.what() << "\n";
  } catch (const kevo::fitness::TaskError& error) {
    std::cerr << "kevo " << name << ": " << error.what() << "\n";
  } catch (const std::exception& error) {
    std::cerr << "kevo " << name << ": error: " << error.what() << "\n";
    return kExitFailure;
  }
  return kExitBadInput;
}
