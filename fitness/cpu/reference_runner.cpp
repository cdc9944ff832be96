#include "fitness/cpu/reference_runner.hpp"

namespace kevo::fitness::cpu {

ReferenceRunner::ReferenceRunner(const Task& task, std::filesystem::path shared_object,
                                 double timeout_seconds)
    : task_(task),
      shared_object_(std::move(shared_object)),
      timeout_seconds_(timeout_seconds),
      plan_(protocol::resolve_reference(task)) {}

std::runtime_error ReferenceRunner::task_error(const SizePoint& size,
                                               const std::string& problem) const {
  return std::runtime_error(task_.reference_file.string() + ": the reference of task '" +
                            task_.name + "' at size " + size.label() + ": " + problem);
}

std::shared_ptr<const protocol::ReferenceOutputs> ReferenceRunner::outputs(
    WorkerClient& worker, SizeWorkspace& workspace, const protocol::InputGenerator& generator,
    const SizePoint& size, std::uint64_t size_seed) {
  const std::string label = size.label();
  if (auto cached = cache_.find(label, size_seed)) return cached;
  workspace.reset_outputs();
  std::vector<protocol::BoundStep> steps;
  try {
    steps = protocol::bind_steps(plan_, protocol::plan_bindings(size, {}));
  } catch (const protocol::PlanError& error) {
    throw task_error(size, error.what());
  }
  const WorkerOutcome outcome =
      worker.run(workspace.request(shared_object_.string(), steps, RunMode::check), timeout_seconds_);
  if (!outcome.ok()) throw task_error(size, outcome.message);
  for (const std::string& problem :
       {workspace.changed_input(generator), workspace.guard_damage(), workspace.invalid_output()}) {
    if (!problem.empty()) throw task_error(size, problem);
  }
  return cache_.insert(label, size_seed, workspace.copy_outputs());
}

}  // namespace kevo::fitness::cpu
