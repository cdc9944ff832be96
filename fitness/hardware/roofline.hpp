#pragma once
// Where a timed kernel sits under its device's roofline: the fraction of the
// roof it can reach at its arithmetic intensity, and what bounds it. This is
// what the search and the prompts read to decide what to try next.
#include <optional>
#include <string>

#include "fitness/hardware/ceilings.hpp"
#include "population/evaluation.hpp"

namespace kevo::fitness::hardware {

struct RooflineReport {
  double achieved_flops_per_second = 0;
  double achieved_bytes_per_second = 0;
  double arithmetic_intensity = 0;         // flops / bytes (0 if bytes == 0)
  double ridge_intensity = 0;              // peak_flops / bandwidth
  double attainable_flops_per_second = 0;  // min(peak, intensity * bandwidth); peak if bytes == 0
  double fraction = 0;                     // achieved / attainable (by bytes when flops == 0); not clamped
  std::string regime;                      // "memory" or "compute": the roof above the kernel
  std::string bound;                       // "memory", "compute" or "latency"
  std::string explanation;                 // one line, e.g. "memory-bound: 2.91 TB/s of 3.00 TB/s measured (97%)"
  // Where hardware counters measured the kernel's DRAM traffic
  // (fitness/hardware/evaluation_roofline): the bound above is then read at
  // the measured bytes, and the fraction stays the formula's (useful work).
  std::optional<double> measured_bytes;
  double traffic_ratio = 0;                // measured / formula bytes; 0 when not measured
  bool excess_traffic = false;             // traffic_ratio above profile::kExcessTrafficRatio
};

// A kernel at or above half its roof is bound by that roof; below half,
// neither roof is near and it is bound by latency (launch overhead,
// dependent loads, low occupancy), which `resources` then explains.
// Throws std::invalid_argument unless seconds > 0, flops and bytes are finite,
// >= 0 and not both zero, and both ceilings are positive.
RooflineReport analyze_roofline(double flops, double bytes, double seconds, const Ceilings& ceilings,
                                const std::optional<population::KernelResources>& resources);

}  // namespace kevo::fitness::hardware
