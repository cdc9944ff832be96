#pragma once
// Evaluator: turns variants into Evaluations on one device, following the
// evaluation protocol (docs/architecture.md#evaluation-protocol).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fitness/context.hpp"
#include "fitness/pytorch/torch_baseline.hpp"
#include "fitness/task.hpp"
#include "population/evaluation.hpp"
#include "population/variant.hpp"

namespace kevo::fitness {

// Which evaluated variants get their hardware counters read (GPU devices
// with CUPTI): none, the fastest fresh one of each generation (and every
// seed), or every one that passed.
enum class CounterPolicy { off, best, all };
std::string to_string(CounterPolicy policy);
CounterPolicy counter_policy_from_string(const std::string& text);  // throws std::invalid_argument

struct EvaluationProtocol {
  std::uint64_t seed = 1;          // inputs are drawn from (seed, variant id, size index): replayable
  int warmup = 2;                  // untimed runs before sampling
  int samples = 15;                // timed runs per round
  double max_spread = 0.15;        // (p90 - p10) / median above this triggers a re-time
  int max_retimes = 2;
  double run_timeout_seconds = 20; // watchdog per variant (all checks + timing)
  double compile_timeout_seconds = 120;
  bool flush_cache = true;         // evict caches between samples
  CounterPolicy counters = CounterPolicy::best;  // profiled in runs of their own, never the timed ones
};

class Evaluator {
 public:
  virtual ~Evaluator() = default;
  virtual std::string device_id() const = 0;
  // Whether this device runs kernels in `language`: a task may carry seeds
  // for several devices (a CPU seed beside CUDA ones), and each device
  // searches only what it can run.
  virtual bool runs(population::Language language) const = 0;
  // Whether this device starts from `seed`: by default, when it runs the
  // seed's language; a HIP device also takes CUDA seeds portable to HIP.
  virtual bool runs_seed(const SeedSpec& seed) const { return runs(seed.language); }
  // Compiles all variants (in parallel), then checks and times each in turn.
  // A bad variant yields an Evaluation with a failure status; it never throws.
  virtual std::vector<population::Evaluation> evaluate(
      const std::vector<population::Variant>& variants) = 0;
  // Reads the hardware counters of `variant`, already evaluated ok as
  // `evaluation`, in runs of their own (never the timed ones), stores them in
  // evaluation.counters and places it on the roofline by the bytes it really
  // moved. Returns "" when it did, else why not (a device without counters
  // says so every time; it never throws for a bad kernel).
  // PyTorch's eager and torch.compile times for a task whose reference is
  // a PyTorch problem, on this device; nullopt for other tasks and devices.
  // Throws std::runtime_error when PyTorch fails to time it.
  virtual std::optional<pytorch::TorchBaseline> torch_baseline() { return std::nullopt; }
  // Whether profile() can read counters on this device at all.
  virtual bool reads_counters() const { return false; }
  virtual std::string profile(const population::Variant& variant, population::Evaluation& evaluation) {
    (void)variant;
    (void)evaluation;
    return "device " + device_id() + " has no hardware-counter profiler";
  }
};

// The CPU back end: system compiler, kevo-worker sandbox process.
std::unique_ptr<Evaluator> make_cpu_evaluator(const Context& context, const Task& task,
                                              const EvaluationProtocol& protocol);

// The HIP back end: hiprtc (in kevo-hiprtc), a `kevo-worker --hip <ordinal>`
// process per AMD GPU, the gfx target from the device's hardware profile.
// Throws std::runtime_error naming hip:N when there is no ROCm or AMD GPU.
std::unique_ptr<Evaluator> make_hip_evaluator(const Context& context, const Task& task,
                                              const EvaluationProtocol& protocol, int ordinal);

// The CUDA back end: NVRTC, a `kevo-worker --cuda <ordinal>` process per GPU.
// Throws std::runtime_error naming the device when there is no driver or GPU.
std::unique_ptr<Evaluator> make_cuda_evaluator(const Context& context, const Task& task,
                                               const EvaluationProtocol& protocol, int ordinal);

}  // namespace kevo::fitness
