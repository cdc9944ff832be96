#pragma once
// A timing session: the bench size's timed runs, as the engine asks a worker
// for them and as the worker answers. Every run (the check run, warm-ups and
// samples) draws fresh inputs, so nothing a kernel kept from an earlier
// launch (a result cached by buffer address, by sampled contents or by a
// checksum of the whole input) is valid for the next one; the outputs of the
// runs the worker verifies afterwards (fitness/session/verified_runs.hpp)
// are compared with the reference's outputs for those runs' own inputs.
//
// The worker draws the session seed from the operating system, so not even
// a kernel that reads its harness's memory learns future inputs before they
// are drawn; every run's seed comes back with the verdict, so any failure
// can be replayed.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fitness/protocol/launch_plan_binding.hpp"
#include "fitness/protocol/output_comparator.hpp"
#include "fitness/task.hpp"

namespace kevo::fitness::session {

// One input tensor, as a worker draws it before every run.
struct InputDraw {
  std::size_t buffer = 0;  // index into the request's buffer slots
  std::size_t tensor = 0;  // position in Task::tensors: its random stream
  std::string name;
  DType dtype = DType::f32;
  std::int64_t elements = 0;
  ValueGenerator init;
};

// One output tensor: poisoned before every run, kept for verification.
struct OutputCheck {
  std::size_t buffer = 0;
  std::string name;
  DType dtype = DType::f32;
  std::int64_t elements = 0;
};

// A trusted kernel the worker runs itself to verify runs (a task's GPU
// reference): its module and its launch steps at the session's size.
struct ReferenceLaunch {
  std::string module;
  std::vector<protocol::BoundStep> steps;
  std::vector<std::string> symbols;  // one per step
};

struct SessionSpec {
  std::string size_label;            // "M=4096,N=4096,K=4096", for messages
  std::vector<InputDraw> inputs;
  std::vector<OutputCheck> outputs;
  std::vector<std::size_t> scratch;  // zeroed before every run
  int warmup = 0;                    // untimed runs (fresh inputs too)
  int samples = 1;                   // timed runs
  // Run 0 is a check run, verified before anything is timed: a wrong kernel
  // costs one run. Needs `reference`.
  bool check_run = false;
  // Timed runs verified at random beyond the fastest, the median and the last.
  int extra_verified = 1;
  // Device or host memory for keeping timed runs' outputs until they are
  // verified; when all samples do not fit, the runs to verify are drawn
  // before timing instead of after it (see verified_runs.hpp).
  std::size_t stash_bytes = 0;
  Tolerance tolerance;
  // Present: the worker verifies runs itself. Absent: the engine does, after
  // asking the worker to export each verified run's inputs and outputs.
  std::optional<ReferenceLaunch> reference;
  // Replays a session whose seed a verdict named; absent, the worker draws one.
  std::optional<std::uint64_t> seed;
};

// A run the worker chose to verify.
struct VerifiedRun {
  int run = 0;              // position among the session's runs (check, warm-ups, samples)
  int sample = -1;          // position among the timed samples; -1 for the check run
  std::string role;         // "check", "fastest", "median", "last", "drawn"
  std::uint64_t seed = 0;   // its inputs' seed (protocol::run_input_seed)
  // Filled when the worker verified it (internal reference).
  std::optional<protocol::Comparison> comparison;

  // "timed run 7 of 15 (the median)", "the check run".
  std::string describe(int samples) const;
};

struct SessionOutcome {
  std::uint64_t seed = 0;
  std::vector<double> samples;          // seconds, one per timed run
  std::vector<VerifiedRun> verified;
  // A verdict against the kernel found during the session: "rejected" (it
  // wrote an input) or "wrong_result" (guards, or a verified run's outputs);
  // empty when it passed everything the worker could check.
  std::string failure_status;
  std::string failure;
  double runs_seconds = 0;    // host wall time of the runs
  double verify_seconds = 0;  // and of the worker's own verification
  bool failed() const { return !failure_status.empty(); }
};

}  // namespace kevo::fitness::session
