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

std::shared_ptr<const protocol::ReferenceOutputs> ReferenceRunner::outputs(
    SizeWorkspace& workspace, const protocol::InputGenerator& generator, const SizePoint& size,
    std::uint64_t size_seed) {
  const std::string label = size.label();
  if (auto cached = cache_.find(label, size_seed)) return cached;
  workspace.reset_outputs();
  std::vector<protocol::BoundStep> steps;
  try {
    steps = protocol::bind_steps(kernel_.plan, protocol::plan_bindings(size, {}));
  } catch (const protocol::PlanError& error) {
    throw task_error(size, error.what());
  }
  const worker::WorkerOutcome outcome =
      worker_.run(workspace.request(kernel_.module, steps, RunMode::check), timeout_seconds_);
  if (!outcome.ok()) throw task_error(size, outcome.message);
  // One copy of the outputs (hundreds of MiB at a GPU bench size) serves the
  // validity check and the cache.
  protocol::ReferenceOutputs outputs = workspace.copy_outputs();
  for (const std::string& problem :
       {workspace.changed_input(generator), workspace.guard_damage(), workspace.invalid_output(outputs)}) {
    if (!problem.empty()) throw task_error(size, problem);
  }
  return cache_.insert(label, size_seed, std::move(outputs));
}

}  // namespace kevo::fitness::trial
