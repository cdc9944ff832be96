#pragma once
// The result of evaluating one variant on one device.
#include <optional>
#include <string>
#include <vector>

#include "population/counter_profile.hpp"

namespace kevo::population {

enum class EvalStatus { ok, compile_error, wrong_result, crash, timeout, rejected };
std::string to_string(EvalStatus status);
EvalStatus eval_status_from_string(const std::string& text);  // throws std::invalid_argument

// Timing of the launch plan at one problem size.
struct SizeTiming {
  std::string size_label;        // e.g. "M=512,N=512,K=512"
  double median_seconds = 0;
  double spread = 0;             // (p90 - p10) / median
  std::vector<double> samples;   // seconds
  int retimes = 0;               // how often it was re-timed for being noisy
};

// What a compiled GPU kernel asks of its device: the largest figure over the
// launch plan's steps (occupancy: the lowest). It explains a latency bound.
struct KernelResources {
  int registers_per_thread = 0;
  int shared_bytes_per_block = 0;  // static + dynamic
  int local_bytes_per_thread = 0;  // register spills and local arrays
  double occupancy = 0;            // resident warps / maximum warps per SM
  bool operator==(const KernelResources&) const = default;
};

// A launch plan's demands: the largest figure over its steps' resources, the
// lowest occupancy (0 for no steps).
KernelResources most_demanding(const std::vector<KernelResources>& steps);

// Where an evaluation's wall time went on the host, summed over its sizes
// (compile time is Evaluation::compile_seconds). It tells a user whether a
// slow campaign is limited by the kernels, the transfers or kevo itself.
struct EvaluationCost {
  double inputs_seconds = 0;       // drawing and checksumming inputs, poisoning outputs
  double reference_seconds = 0;    // reference outputs (CPU in double, or the trusted GPU kernel)
  double check_runs_seconds = 0;   // the candidate's checked runs, copies to and from the device included
  double timing_runs_seconds = 0;  // warm-up, flushed samples and re-timing
  double verify_seconds = 0;       // input checksums, guard bytes, output comparison
  double total() const;
  EvaluationCost& operator+=(const EvaluationCost& other);
  bool operator==(const EvaluationCost&) const = default;
};

struct Evaluation {
  std::string variant_id;        // Variant::content_hash()
  std::string device_id;
  EvalStatus status = EvalStatus::ok;
  std::string error;             // verbatim compiler output, or the reason for the status
  std::vector<SizeTiming> timings;
  double max_abs_error = 0;
  double max_rel_error = 0;
  double norm_rel_error = 0;
  double flops_per_second = 0;   // at the bench size, from the task's formula
  double bytes_per_second = 0;
  std::optional<double> roofline_fraction;  // filled once a hardware profile is known
  std::string bound;                        // "memory", "compute", "latency" or "" (by measured bytes once profiled)
  std::optional<KernelResources> resources; // GPU back ends only
  std::optional<CounterProfile> counters;   // hardware counters, for the variants that were profiled
  double compile_seconds = 0;
  bool compile_cache_hit = false;
  EvaluationCost cost;

  bool ok() const { return status == EvalStatus::ok; }
  // Median time at the bench size (the first timing), or nullopt when not timed.
  std::optional<double> bench_seconds() const;
};

}  // namespace kevo::population
