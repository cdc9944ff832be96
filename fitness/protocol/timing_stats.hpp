#pragma once
// Summary statistics of timing samples. The median (not the mean) is the
// figure of merit: one preempted sample must not move it. The spread
// (p90 - p10) / median says whether the round was quiet enough to trust.
#include <vector>

namespace kevo::fitness::protocol {

struct TimingStats {
  double median = 0;
  double p10 = 0;
  double p90 = 0;
  double min = 0;
  double spread = 0;  // (p90 - p10) / median; 0 when median is 0
};

// Percentiles by linear interpolation between order statistics; no samples -> all 0.
TimingStats summarize_timings(std::vector<double> samples);

// Quantile q in [0, 1] of already sorted samples.
double sorted_quantile(const std::vector<double>& sorted, double q);

}  // namespace kevo::fitness::protocol
