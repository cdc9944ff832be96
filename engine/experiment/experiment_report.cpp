#include "engine/experiment/experiment_report.hpp"

#include <cctype>
#include <stdexcept>
#include <system_error>

#include "fitness/worker/subprocess.hpp"

namespace kevo::engine {

std::string write_experiment_report(const ExperimentConfig& e) {
  const std::string rerun = "; rerun it with: " + e.python.string() + " " + e.report_script.string() + " " +
                            e.run_dir.string();
  if (!std::filesystem::exists(e.report_script))
    throw std::runtime_error("report script " + e.report_script.string() +
                             " not found (run kevo from the repository root, or set report_script:)");
  constexpr double kTimeoutSeconds = 600;
  fitness::worker::ProcessResult result;
  try {
    result = fitness::worker::run_process({e.python.string(), e.report_script.string(), e.run_dir.string()},
                                          kTimeoutSeconds);
  } catch (const std::system_error& error) {
    throw std::runtime_error(e.python.string() + " cannot be started (" + error.what() +
                             "); install python3-matplotlib and python3-scipy with scripts/install-deps.sh, or set "
                             "python: to an interpreter that has them");
  }
  if (!result.exited_ok()) {
    auto output = result.output;
    while (!output.empty() && std::isspace(static_cast<unsigned char>(output.back()))) output.pop_back();
    throw std::runtime_error(e.python.string() + " " + e.report_script.string() + " " +
                             (result.timed_out ? "timed out" : fitness::worker::describe_wait_status(result.wait_status)) +
                             ":\n" + output + "\n" + rerun.substr(2));
  }
  return result.output;
}

}  // namespace kevo::engine
