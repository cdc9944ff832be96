#pragma once
// What the GPU's hardware counters said about one variant's launch plan at
// the bench size (collected with CUPTI by fitness/cuda/counter_profiler in
// runs of their own, never the timed ones). Only the raw metric values are
// stored; what they mean for the search (traffic against the task's formula,
// what limits the kernel) is derived by fitness/profile/ whenever it is read,
// so a better diagnosis applies to archives already written.
#include <map>
#include <string>
#include <vector>

namespace kevo::population {

// One profiled range: one kernel launch of the plan, in launch order.
struct KernelCounters {
  std::string kernel;                    // the range's name as CUPTI gave it (the kernel's symbol)
  std::map<std::string, double> values;  // metric name ("dram__bytes_read.sum") -> value
  bool operator==(const KernelCounters&) const = default;
};

struct CounterProfile {
  std::vector<KernelCounters> kernels;
  int passes = 0;                 // replays CUPTI needed to read every counter
  double collection_seconds = 0;  // wall time of the profiling request (its overhead)
  std::string bound_by_formula;   // the roofline bound the task's formulas gave before the counters

  bool operator==(const CounterProfile&) const = default;
};

}  // namespace kevo::population
