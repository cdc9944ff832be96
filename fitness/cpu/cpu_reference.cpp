#include "fitness/cpu/cpu_reference.hpp"

#include <algorithm>
#include <stdexcept>

#include "fitness/cpu/trampoline.hpp"

namespace kevo::fitness::cpu {

trial::TrustedKernel compile_cpu_reference(const CpuCompiler& compiler, const Task& task) {
  protocol::ResolvedPlan plan;
  try {
    plan = protocol::resolve_reference(task);
  } catch (const protocol::PlanError& error) {
    throw std::runtime_error(task.reference_file.string() + ": the interface of task '" + task.name +
                             "' cannot be called: " + error.what());
  }
  const std::string label = task.reference_file.filename().string();
  const CompileResult result = compiler.compile(
      {"reference of " + task.name, generate_translation_unit(task.reference_source, label, plan), {}});
  if (!result.ok) {
    throw std::runtime_error(task.reference_file.string() + ": the reference of task '" + task.name +
                             "' does not compile:\n" + result.compiler_output);
  }
  return {task.reference_file, plan, {result.shared_object.string(), entry_symbols(plan)}};
}

double reference_timeout(const EvaluationProtocol& protocol) {
  return std::max(60.0, 4 * protocol.run_timeout_seconds);
}

}  // namespace kevo::fitness::cpu
