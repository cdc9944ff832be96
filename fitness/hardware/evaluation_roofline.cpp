#include "fitness/hardware/evaluation_roofline.hpp"

#include <cstdio>
#include <stdexcept>

#include "fitness/profile/counter_diagnosis.hpp"

namespace kevo::fitness::hardware {

namespace {

void place_by_measured_bytes(RooflineReport& report, double flops, double formula_bytes, double seconds,
                             const Ceilings& ceilings, const population::Evaluation& evaluation) {
  const double measured = profile::measure(*evaluation.counters).dram_bytes();
  if (!(measured > 0) && !(flops > 0)) return;  // nothing to place: keep the formula's position
  const RooflineReport by_traffic = analyze_roofline(flops, measured, seconds, ceilings, evaluation.resources);
  report.measured_bytes = measured;
  report.traffic_ratio = formula_bytes > 0 ? measured / formula_bytes : 0;
  report.excess_traffic = report.traffic_ratio > profile::kExcessTrafficRatio;
  report.bound = by_traffic.bound;
  report.explanation = "by measured traffic, " + by_traffic.explanation;
  if (report.excess_traffic) {
    char text[96];
    std::snprintf(text, sizeof text, "; moves %.1fx the task's formula bytes", report.traffic_ratio);
    report.explanation += text;
  }
}

}  // namespace

std::optional<RooflineReport> roofline_of(const population::Evaluation& evaluation, const Task& task,
                                          const Ceilings& ceilings) {
  const std::optional<double> seconds = evaluation.bench_seconds();
  if (!evaluation.ok() || !seconds || *seconds <= 0) return std::nullopt;
  const expr::Bindings sizes(task.bench.values.begin(), task.bench.values.end());
  try {
    const double flops = static_cast<double>(task.flops.evaluate(sizes));
    const double bytes = static_cast<double>(task.bytes.evaluate(sizes));
    RooflineReport report = analyze_roofline(flops, bytes, *seconds, ceilings, evaluation.resources);
    if (evaluation.counters && !evaluation.counters->kernels.empty()) {
      place_by_measured_bytes(report, flops, bytes, *seconds, ceilings, evaluation);
    }
    return report;
  } catch (const expr::ExprError&) {
    return std::nullopt;  // a formula that overflows at the bench size: no position
  } catch (const std::invalid_argument&) {
    return std::nullopt;  // both formulas zero
  }
}

void annotate_roofline(population::Evaluation& evaluation, const Task& task, const Ceilings& ceilings) {
  if (const std::optional<RooflineReport> report = roofline_of(evaluation, task, ceilings)) {
    evaluation.roofline_fraction = report->fraction;
    evaluation.bound = report->bound;
  }
}

Precision task_precision(const Task& task) { return parse_precision(task.compute); }

}  // namespace kevo::fitness::hardware
