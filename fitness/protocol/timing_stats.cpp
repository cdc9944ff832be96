#include "fitness/protocol/timing_stats.hpp"

#include <algorithm>
#include <cmath>

namespace kevo::fitness::protocol {

double sorted_quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  const double position = std::clamp(q, 0.0, 1.0) * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double weight = position - static_cast<double>(below);
  return sorted[below] + weight * (sorted[above] - sorted[below]);
}

TimingStats summarize_timings(std::vector<double> samples) {
  TimingStats stats;
  if (samples.empty()) return stats;
  std::sort(samples.begin(), samples.end());
  stats.median = sorted_quantile(samples, 0.5);
  stats.p10 = sorted_quantile(samples, 0.1);
  stats.p90 = sorted_quantile(samples, 0.9);
  stats.min = samples.front();
  stats.spread = stats.median > 0 ? (stats.p90 - stats.p10) / stats.median : 0;
  return stats;
}

}  // namespace kevo::fitness::protocol
