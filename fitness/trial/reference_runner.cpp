#include "fitness/trial/reference_runner.hpp"

namespace kevo::fitness::trial {

ReferenceRunner::ReferenceRunner(const Task& task, TrustedKernel kernel,
                                 worker::WorkerClient& worker, double timeout_seconds)
    : task_(task), kernel_(std::move(kernel)), worker_(worker), timeout_seconds_(timeout_seconds) {}

std::runtime_error ReferenceRunner::task_error(const SizePoint& size,
                                               const std::string& problem) const {
  return std::runtime_error(kernel_.file.string() + ": the reference of task '" + task_.name +
                            "' at size " + size.label() + ": " + problem);
}

void ReferenceRunner::run_in_place(SizeWorkspace& workspace, const protocol::InputGenerator& generator,
                                   const SizePoint& size) {
  workspace.reset_outputs();
  std::vector<protocol::BoundStep> steps;
  try {
    steps = protocol::bind_steps(kernel_.plan, protocol::plan_bindings(size, {}));
  } catch (const protocol::PlanError& error) {
    throw task_error(size, error.what());
  }
  RunRequest request = workspace.request(kernel_.module, steps, RunMode::check);
  request.trusted = true;  // kevo's own reference: no sandbox needed, no process to start
  const worker::WorkerOutcome outcome = worker_.run(request, timeout_seconds_);
  if (!outcome.ok()) throw task_error(size, outcome.message);
  for (const std::string& problem : {workspace.changed_input(generator), workspace.guard_damage(), workspace.invalid_output()}) {
    if (!problem.empty()) throw task_error(size, problem);
  }
}

}  // namespace kevo::fitness::trial
