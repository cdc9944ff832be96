#include "fitness/compile/kernel_compile_job.hpp"

#include <sstream>

#include "fitness/parallel_for.hpp"

namespace kevo::fitness::compile {

std::vector<std::string> kernel_names(const population::LaunchPlan& plan) {
  std::vector<std::string> names;
  for (const population::LaunchStep& step : plan.steps) names.push_back(step.kernel);
  return names;
}

std::vector<std::string> knob_defines(const population::KnobValues& knobs) {
  std::vector<std::string> defines;
  for (const auto& [name, value] : knobs) defines.push_back("-D" + name + "=" + std::to_string(value));
  return defines;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<KernelCompileResult> compile_each(
    const std::vector<KernelCompileJob>& jobs, unsigned threads, const std::string& what,
    const std::function<KernelCompileResult(const KernelCompileJob&)>& compile) {
  std::vector<KernelCompileResult> results(jobs.size());
  parallel_for(static_cast<std::int64_t>(jobs.size()), threads, [&](std::int64_t index) {
    const auto i = static_cast<std::size_t>(index);
    try {
      results[i] = compile(jobs[i]);
    } catch (const std::exception& error) {
      results[i].log = what + error.what();
    }
  });
  return results;
}

}  // namespace kevo::fitness::compile
