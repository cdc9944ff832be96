#include "fitness/hardware/roofline.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace kevo::fitness::hardware {

namespace {

// At half the roof a kernel is limited by it; below, the roof is not what holds it back.
constexpr double kBoundThreshold = 0.5;
// Timing noise may put a kernel a little over a measured roof; well over it
// means a wrong formula or ceiling, which the explanation says.
constexpr double kAboveRoof = 1.05;

std::string format(const char* pattern, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, pattern, value);
  return buffer;
}

// "2.91 TB/s of 3.00 TB/s": both in the roof's unit, so they compare at a glance.
std::string of_roof(double achieved, double roof, const char* unit) {
  static constexpr struct {
    double scale;
    const char* prefix;
  } kScales[] = {{1e15, "P"}, {1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}, {1, ""}};
  for (const auto& scale : kScales) {
    if (roof >= scale.scale || scale.scale == 1) {
      const std::string suffix = std::string(" ") + scale.prefix + unit;
      return format("%.2f", achieved / scale.scale) + suffix + " of " + format("%.2f", roof / scale.scale) + suffix;
    }
  }
  return "";
}

std::string percent(double fraction) {
  return fraction < 0.01 ? format("%.1f%%", fraction * 100) : format("%.0f%%", fraction * 100);
}

std::string bytes_text(int bytes) {
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes / 1024) + " KiB";
  return std::to_string(bytes) + " B";
}

std::string resources_text(const population::KernelResources& resources) {
  std::string text = "occupancy " + percent(resources.occupancy);
  if (resources.registers_per_thread > 0) text += ", " + std::to_string(resources.registers_per_thread) + " registers/thread";
  if (resources.shared_bytes_per_block > 0) text += ", " + bytes_text(resources.shared_bytes_per_block) + " shared memory/block";
  if (resources.local_bytes_per_thread > 0) {
    text += ", " + bytes_text(resources.local_bytes_per_thread) + "/thread local memory (spills or local arrays)";
  }
  return text;
}

void validate(double flops, double bytes, double seconds, const Ceilings& ceilings) {
  if (!(std::isfinite(seconds) && seconds > 0)) {
    throw std::invalid_argument("roofline: the time must be a positive number of seconds, got " + std::to_string(seconds));
  }
  if (!(std::isfinite(flops) && flops >= 0) || !(std::isfinite(bytes) && bytes >= 0)) {
    throw std::invalid_argument("roofline: flops and bytes must be finite and >= 0, got flops " + std::to_string(flops) +
                                ", bytes " + std::to_string(bytes));
  }
  if (flops == 0 && bytes == 0) {
    throw std::invalid_argument("roofline: flops and bytes are both zero; the task's formulas give nothing to compare");
  }
  if (!(std::isfinite(ceilings.bytes_per_second) && ceilings.bytes_per_second > 0) ||
      !(std::isfinite(ceilings.flops_per_second) && ceilings.flops_per_second > 0)) {
    throw std::invalid_argument("roofline: the ceilings must be positive (bandwidth " +
                                std::to_string(ceilings.bytes_per_second) + " B/s, peak " +
                                std::to_string(ceilings.flops_per_second) + " FLOP/s)");
  }
}

}  // namespace

RooflineReport analyze_roofline(double flops, double bytes, double seconds, const Ceilings& ceilings,
                                const std::optional<population::KernelResources>& resources) {
  validate(flops, bytes, seconds, ceilings);
  const double bandwidth = ceilings.bytes_per_second;
  const double peak = ceilings.flops_per_second;

  RooflineReport report;
  report.achieved_flops_per_second = flops / seconds;
  report.achieved_bytes_per_second = bytes / seconds;
  report.arithmetic_intensity = bytes > 0 ? flops / bytes : 0;
  report.ridge_intensity = peak / bandwidth;
  // No bytes moved: nothing but the compute roof applies.
  const bool memory = bytes > 0 && report.arithmetic_intensity < report.ridge_intensity;
  report.regime = memory ? "memory" : "compute";
  report.attainable_flops_per_second = bytes > 0 ? std::min(peak, report.arithmetic_intensity * bandwidth) : peak;
  // Without flops the attainable FLOP/s is 0; the same fraction is read off the bytes.
  report.fraction = flops > 0 ? report.achieved_flops_per_second / report.attainable_flops_per_second
                              : report.achieved_bytes_per_second / bandwidth;
  report.bound = report.fraction >= kBoundThreshold ? report.regime : "latency";

  const std::string against =
      memory ? of_roof(report.achieved_bytes_per_second, bandwidth, "B/s") + " " +
                   (ceilings.bandwidth_measured ? "measured" : "datasheet")
             : of_roof(report.achieved_flops_per_second, peak, "FLOP/s") + " " + to_string(ceilings.precision) + " " +
                   (ceilings.flops_measured ? "measured" : "datasheet");
  if (report.bound == "latency") {
    report.explanation = "latency: " + percent(report.fraction) + " of the " + report.regime + " roof (" + against +
                         "); " +
                         (resources ? resources_text(*resources)
                                    : "neither roof is near: launch overhead, dependent latency or low occupancy");
  } else {
    report.explanation = report.regime + "-bound: " + against + " (" + percent(report.fraction) + ")";
  }
  if (report.fraction > kAboveRoof) {
    report.explanation += "; above the roof: check the task's flops/bytes formulas or recalibrate the ceilings";
  }
  return report;
}

}  // namespace kevo::fitness::hardware
