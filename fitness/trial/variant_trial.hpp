#pragma once
// The evaluation protocol for one compiled variant:
//   1. for each check size: fresh seeded inputs, the reference's outputs,
//      poisoned outputs, one candidate run, then the verdicts (inputs
//      unchanged, guards intact, outputs within tolerance); the first
//      failing size ends the trial;
//   2. the timing session at the bench size (fitness/session): the worker
//      draws fresh inputs for every run, flushes the caches before every
//      timed run, and keeps the outputs of the runs chosen for verification
//      (the fastest, the median, the last and more drawn at random for many
//      samples), which are verified against the reference for their own
//      inputs: in the worker when it holds the reference (the GPU back ends
//      with a GPU reference, which also check the first run before timing),
//      else here after exporting them; re-timed while the spread is too high.
// One watchdog budget (EvaluationProtocol::run_timeout_seconds) covers all
// of a variant's own runs: the time spent waiting for its replies is charged
// to it, the engine's own reference runs and checks are not.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include "fitness/evaluator.hpp"
#include "fitness/protocol/input_generator.hpp"
#include "fitness/protocol/launch_plan_binding.hpp"
#include "fitness/trial/reference_runner.hpp"
#include "fitness/trial/reference_source.hpp"
#include "fitness/trial/size_workspace.hpp"
#include "fitness/worker/worker_client.hpp"
#include "population/evaluation.hpp"
#include "population/variant.hpp"

namespace kevo::fitness::trial {

// What all trials of one evaluator share.
struct TrialSetup {
  const Task& task;
  const EvaluationProtocol& protocol;
  std::filesystem::path scratch_dir;
  std::size_t flush_bytes = 0;  // 0: no flush
  worker::WorkerClient& worker;
  ReferenceSource& reference;
  protocol::InputGenerator inputs;
  // The task's trusted reference as the worker runs it itself at the bench
  // size (a GPU back end's GPU reference); nullopt: the engine verifies.
  std::optional<TrustedKernel> worker_reference = std::nullopt;
  // Memory the worker may use to keep timed runs' outputs for verification.
  std::size_t stash_bytes = std::size_t{1} << 30;
  // GPU back ends: the module of the evaluator's own kernels (fitness/gpu/protocol_kernels).
  std::string protocol_module = {};
  // A verified run's outputs, kept while the reference overwrites the
  // buffers; reused, so its pages are not faulted in again for every run.
  protocol::ReferenceOutputs kept_outputs = {};
};

// A variant ready to run: its id, knobs, resolved plan and compiled module.
struct CompiledVariant {
  std::string id;
  population::KnobValues knobs;
  protocol::ResolvedPlan plan;
  ModuleEntryPoints module;
};

class VariantTrial {
 public:
  VariantTrial(TrialSetup& setup, const CompiledVariant& variant);
  // Fills status, error, error measures and timings of `evaluation`.
  void run(population::Evaluation& evaluation);

 private:
  struct SizeCase {
    std::size_t index;  // position in the protocol's size list (part of the input seed)
    const SizePoint* size;
  };
  std::vector<SizeCase> size_cases() const;
  bool check_size(const SizeCase& size_case, population::Evaluation& evaluation);
  bool time_bench(const SizeCase& bench, population::Evaluation& evaluation);
  std::optional<session::SessionOutcome> run_session(const worker::RunRequest& request,
                                                     population::Evaluation& evaluation);
  bool verify_exported(const session::VerifiedRun& run, int samples, population::Evaluation& evaluation);
  // Runs a request under the remaining budget; false (status filled) on failure.
  bool run_candidate(const worker::RunRequest& request, const std::string& context,
                     population::Evaluation& evaluation, double& cost, worker::WorkerOutcome* reply = nullptr);
  bool verify(SizeWorkspace& workspace, const protocol::ReferenceOutputs& reference,
              const std::string& context, population::Evaluation& evaluation);
  std::unique_ptr<SizeWorkspace> workspace_for(const SizeCase& size_case, population::Evaluation& evaluation);
  std::unique_ptr<SizeWorkspace> prepare(const SizeCase& size_case, std::uint64_t& seed,
                                         population::Evaluation& evaluation);
  std::shared_ptr<const protocol::ReferenceOutputs> reference_outputs(SizeWorkspace& workspace,
                                                                     const SizePoint& size, std::uint64_t seed,
                                                                     population::Evaluation& evaluation);
  void reset_outputs(SizeWorkspace& workspace, population::Evaluation& evaluation);
  void fill_rates(population::Evaluation& evaluation) const;

  TrialSetup& setup_;
  const CompiledVariant& variant_;
  std::unique_ptr<SizeWorkspace> bench_workspace_;  // the bench size's shared buffers, when the engine verifies
  std::string bench_label_;
  double budget_left_ = 0;  // seconds
  bool reloaded_ = false;
};

}  // namespace kevo::fitness::trial
