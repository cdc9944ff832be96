#pragma once
// Which hardware counters kevo reads (CUPTI/Nsight Compute metric names,
// valid from Volta to Blackwell) and what a CounterProfile adds up to over
// the kernels of a launch plan: bytes and counts are summed, rates are
// averaged weighted by each kernel's duration.
#include <string>
#include <vector>

#include "population/counter_profile.hpp"

namespace kevo::fitness::profile {

// The metrics a profile request asks for, in a fixed order.
const std::vector<std::string>& counter_metrics();

struct MeasuredCounters {
  double seconds = 0;                  // the kernels' duration under the profiler
  double dram_read_bytes = 0;
  double dram_write_bytes = 0;
  double l2_hit_rate = 0;              // 0..1, of L2 sectors
  double achieved_occupancy = 0;       // 0..1: active warps / maximum warps, while the SMs were busy
  double sm_throughput = 0;            // 0..1 of the SMs' peak (the busiest SM unit)
  double memory_throughput = 0;        // 0..1 of the memory hierarchy's peak (DRAM, L2, L1, shared)
  double dram_throughput = 0;          // 0..1 of DRAM's peak
  double tensor_pipe = 0;              // 0..1 of active cycles with the tensor pipe busy
  double fma_pipe = 0;                 // 0..1 of active cycles with the FMA pipe busy
  double shared_bank_conflicts = 0;    // extra shared-memory wavefronts caused by conflicts
  double shared_wavefronts = 0;
  double global_load_bytes_requested = 0;  // what the load instructions asked for
  double global_load_sectors = 0;          // 32-byte sectors they moved
  double global_store_bytes_requested = 0;
  double global_store_sectors = 0;
  double local_bytes = 0;              // local-memory traffic: register spills, local arrays

  double dram_bytes() const { return dram_read_bytes + dram_write_bytes; }
  // Requested bytes / moved bytes for global loads (stores): 1 when every
  // fetched byte is used; nullopt-like 0 when there were none.
  double load_efficiency() const;
  double store_efficiency() const;
  double bank_conflict_share() const;  // conflicts / shared wavefronts; 0 when none
};

// Sums and duration-weighted means over the plan's kernels. Metrics missing
// from the profile (an older archive, another metric list) count as 0;
// NaN rates (a kernel that made no L2 request) are left out of the mean.
MeasuredCounters measure(const population::CounterProfile& profile);

}  // namespace kevo::fitness::profile
