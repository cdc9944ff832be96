#pragma once
// The timing session a trial asks its worker for at the bench size
// (fitness/session/session_spec.hpp): every input tensor with its value
// generator, every output, the scratch buffers, the protocol's warm-up and
// sample counts, the task's tolerance and, when the back end runs the task's
// trusted GPU reference inside its worker, that reference's launch.
#include <optional>

#include "fitness/evaluator.hpp"
#include "fitness/protocol/launch_plan_binding.hpp"
#include "fitness/session/session_spec.hpp"
#include "fitness/trial/reference_runner.hpp"

namespace kevo::fitness::trial {

// Timed runs verified at random beyond the fastest, median and last: one
// for every 8 samples (none below 8: three of seven are verified already).
int extra_verified_runs(int samples);

session::SessionSpec bench_session_spec(const Task& task, const EvaluationProtocol& protocol,
                                        const protocol::BoundLaunch& launch, std::size_t stash_bytes,
                                        const std::optional<TrustedKernel>& worker_reference);

}  // namespace kevo::fitness::trial
