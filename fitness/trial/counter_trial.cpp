#include "fitness/trial/counter_trial.hpp"

#include <chrono>

#include "fitness/profile/counter_metrics.hpp"

namespace kevo::fitness::trial {

CounterOutcome read_counters(TrialSetup& setup, const CompiledVariant& variant, population::Evaluation& evaluation) {
  protocol::BoundLaunch launch;
  try {
    launch = protocol::bind_launch(setup.task, variant.plan, setup.task.bench, variant.knobs);
  } catch (const protocol::PlanError& error) {
    return {false, false, error.what()};
  }
  SizeWorkspace workspace(setup.task, std::move(launch), setup.scratch_dir);
  // The bench size's own inputs (it is checked last: index = number of check sizes).
  workspace.write_inputs(setup.inputs, setup.inputs.size_seed(variant.id, setup.task.checks.size()));
  workspace.reset_outputs();
  RunRequest request = workspace.request(variant.module, workspace.launch().steps, RunMode::profile);
  request.reload = true;
  request.flush_bytes = setup.flush_bytes;  // start from a cold L2, as the timed runs do
  request.metrics = profile::counter_metrics();
  const auto start = std::chrono::steady_clock::now();
  const worker::WorkerOutcome outcome = setup.worker.run(request, setup.protocol.run_timeout_seconds);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!outcome.ok()) {
    return {false, outcome.kind == worker::WorkerOutcome::Kind::unsupported, outcome.message};
  }
  if (!outcome.counters) return {false, true, "the worker returned no counters"};
  evaluation.counters = *outcome.counters;
  evaluation.counters->collection_seconds = seconds;
  return {true, false, ""};
}

}  // namespace kevo::fitness::trial
