#pragma once
// The evaluation protocol for one compiled variant:
//   1. for each check size, then the bench size: fresh seeded inputs, the
//      reference's outputs, poisoned outputs, one candidate run, then the
//      verdicts (inputs unchanged, guards intact, outputs within tolerance);
//      the first failing size ends the trial;
//   2. timing at the bench size (warm-up, flushed samples, re-timed while the
//      spread is too high), the worker re-poisoning outputs before every run;
//   3. the outputs of the last timed run checked again, which catches kernels
//      that are right only on their first call.
// One watchdog budget (EvaluationProtocol::run_timeout_seconds) covers all
// of a variant's own runs: the time spent waiting for its replies is charged
// to it, the reference runs and the engine's checks are not.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>

#include "fitness/trial/reference_source.hpp"
#include "fitness/trial/size_workspace.hpp"
#include "fitness/worker/worker_client.hpp"
#include "fitness/evaluator.hpp"
#include "fitness/protocol/input_generator.hpp"
#include "fitness/protocol/launch_plan_binding.hpp"
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
  // Runs a request under the remaining budget; false (status filled) on failure.
  bool run_candidate(const RunRequest& request, const std::string& context,
                     population::Evaluation& evaluation, std::vector<double>* samples);
  bool verify(SizeWorkspace& workspace, const protocol::ReferenceOutputs& reference,
              const std::string& context, population::Evaluation& evaluation);
  std::unique_ptr<SizeWorkspace> prepare(const SizeCase& size_case, std::uint64_t& seed,
                                         population::Evaluation& evaluation);
  std::shared_ptr<const protocol::ReferenceOutputs> reference_outputs(SizeWorkspace& workspace,
                                                                     const SizePoint& size, std::uint64_t seed,
                                                                     population::Evaluation& evaluation);
  void reset_outputs(SizeWorkspace& workspace, population::Evaluation& evaluation);
  void fill_rates(population::Evaluation& evaluation) const;

  // The last checked size's workspace, reused for timing at the bench size.
  struct BenchState {
    std::unique_ptr<SizeWorkspace> workspace;
    std::shared_ptr<const protocol::ReferenceOutputs> reference;
    std::uint64_t seed = 0;
  };

  TrialSetup& setup_;
  const CompiledVariant& variant_;
  BenchState bench_;
  double budget_left_ = 0;  // seconds
  bool reloaded_ = false;
};

}  // namespace kevo::fitness::trial
