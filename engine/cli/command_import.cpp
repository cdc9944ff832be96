// kevo import kernelbench <problem.py>... [--task-dir DIR]: turns
// KernelBench-format PyTorch problems into kevo task folders whose reference
// is the problem itself (fitness/pytorch/kernelbench_import.py does the
// introspection, with the Python that has PyTorch: $KEVO_PYTHON or python3).
// Each problem gets one status line; the exit code says whether all imported.
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "engine/cli/command_options.hpp"
#include "fitness/task.hpp"
#include "fitness/worker/subprocess.hpp"

namespace kevo::engine::cli {
namespace {

constexpr double kImportSeconds = 300;

std::filesystem::path import_script() {
  return std::filesystem::path(KEVO_SOURCE_DIR) / "fitness" / "pytorch" / "kernelbench_import.py";
}

std::string python() {
  const char* chosen = std::getenv("KEVO_PYTHON");
  return chosen != nullptr && *chosen != '\0' ? chosen : "python3";
}

// "19_ReLU.py" -> "19_relu"; a file called problem.py is named after its folder.
std::string task_name(const std::filesystem::path& problem) {
  std::string name = problem.stem().string();
  if (name == "problem" && problem.has_parent_path()) name = std::filesystem::absolute(problem).parent_path().filename().string();
  for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
  return name;
}

// One problem: "imported ..." or "not imported: why"; true when imported.
bool import_one(const std::filesystem::path& problem, const std::filesystem::path& task_root) {
  const std::filesystem::path dir = task_root / task_name(problem);
  const auto child = fitness::worker::run_process({python(), import_script().string(), problem.string(), dir.string()},
                                                  kImportSeconds);
  nlohmann::json status;
  try {
    const std::string& text = child.output;
    const std::size_t start = text.rfind("{\"ok\"");
    status = nlohmann::json::parse(start == std::string::npos ? text : text.substr(start));
  } catch (const std::exception&) {
    std::cout << problem.string() << ": not imported: the importer (" << python() << ") "
              << fitness::worker::describe_wait_status(child.wait_status) << ": " << child.output << "\n";
    return false;
  }
  if (!status.value("ok", false)) {
    std::cout << problem.string() << ": not imported: " << status.value("error", std::string("no reason given")) << "\n";
    return false;
  }
  std::cout << problem.string() << ": imported as " << dir.string() << " (bench " << status.at("sizes").dump()
            << ", " << status.value("checks", 0) << " check sizes, " << status.value("tensors", 0) << " tensors)";
  try {
    const bool has_seed = !fitness::load_task(dir).seeds.empty();
    std::cout << (has_seed ? "\n"
                           : "; no seed kernel yet: a campaign with an llm operator drafts the first kernels from "
                             "problem.py, or write one (seed.cu) under seeds:\n");
  } catch (const fitness::TaskError& error) {
    std::cout << "; but it does not load: " << error.what() << "\n";  // the importer's fault
    return false;
  }
  return true;
}

}  // namespace

int import_command(const Arguments& args) {
  namespace po = boost::program_options;
  std::string format;
  std::vector<std::string> problems;
  std::string task_dir = "configs/tasks/kernelbench";
  po::options_description options("kevo import options");
  options.add_options()("format", po::value(&format)->required(), "what to import: kernelbench")(
      "problems", po::value(&problems)->multitoken()->required(), "KernelBench-format problem files (.py)")(
      "task-dir", po::value(&task_dir), "where the task folders go (default configs/tasks/kernelbench)");
  po::positional_options_description positional;
  positional.add("format", 1).add("problems", -1);
  po::variables_map values;
  if (!parse_options(args, "usage: kevo import kernelbench <problem.py>... [--task-dir DIR]", options, positional,
                     values))
    return kExitBadInput;
  if (format != "kernelbench") {
    std::cerr << "kevo import: unknown format '" << format << "' (kevo imports: kernelbench)\n";
    return kExitBadInput;
  }
  bool all = true;
  for (const std::string& problem : problems) all = import_one(problem, task_dir) && all;
  return all ? kExitOk : kExitFailure;
}

}  // namespace kevo::engine::cli
