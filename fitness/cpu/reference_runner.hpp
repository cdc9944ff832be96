#pragma once
// Runs the task's trusted reference on a workspace's inputs, in the same
// worker and through the same shared memory as the candidates, and caches
// its outputs by (size, input seed). A reference that crashes, hangs, writes
// its inputs, or leaves an output unwritten or non-finite is a broken task:
// that throws std::runtime_error naming the task and its reference file,
// instead of marking variants as wrong.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "fitness/cpu/size_workspace.hpp"
#include "fitness/cpu/worker_client.hpp"
#include "fitness/protocol/launch_plan_binding.hpp"
#include "fitness/protocol/reference_cache.hpp"
#include "fitness/task.hpp"

namespace kevo::fitness::cpu {

class ReferenceRunner {
 public:
  ReferenceRunner(const Task& task, std::filesystem::path shared_object, double timeout_seconds);

  // The reference outputs for the inputs now in `workspace` (drawn from
  // `size_seed` at `size`). Leaves the workspace's outputs in an unspecified
  // state: call reset_outputs() before running a candidate.
  std::shared_ptr<const protocol::ReferenceOutputs> outputs(
      WorkerClient& worker, SizeWorkspace& workspace, const protocol::InputGenerator& generator,
      const SizePoint& size, std::uint64_t size_seed);

 private:
  std::runtime_error task_error(const SizePoint& size, const std::string& problem) const;

  const Task& task_;
  std::filesystem::path shared_object_;
  double timeout_seconds_;
  protocol::ResolvedPlan plan_;
  protocol::ReferenceCache cache_;
};

}  // namespace kevo::fitness::cpu
