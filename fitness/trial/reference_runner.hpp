#pragma once
// Runs a trusted reference (the task's CPU reference) on a workspace's
// inputs, in a worker and through the same shared memory as the candidates.
// A reference that crashes, hangs, writes its inputs, or leaves an output
// unwritten or non-finite is a broken task: that throws std::runtime_error
// naming the task and the reference's file, instead of marking variants as
// wrong.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "fitness/protocol/launch_plan_binding.hpp"
#include "fitness/protocol/reference_cache.hpp"
#include "fitness/task.hpp"
#include "fitness/trial/reference_source.hpp"
#include "fitness/trial/size_workspace.hpp"
#include "fitness/worker/worker_client.hpp"

namespace kevo::fitness::trial {

struct TrustedKernel {
  std::filesystem::path file;     // named in errors
  protocol::ResolvedPlan plan;    // over sizes only: no knobs
  ModuleEntryPoints module;
};

class ReferenceRunner final : public ReferenceSource {
 public:
  ReferenceRunner(const Task& task, TrustedKernel kernel, worker::WorkerClient& worker,
                  double timeout_seconds);

  void run_in_place(SizeWorkspace& workspace, const protocol::InputGenerator& generator,
                    const SizePoint& size) override;

 private:
  std::runtime_error task_error(const SizePoint& size, const std::string& problem) const;

  const Task& task_;
  TrustedKernel kernel_;
  worker::WorkerClient& worker_;
  double timeout_seconds_;
};

}  // namespace kevo::fitness::trial
