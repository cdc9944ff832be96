#include "fitness/hardware/evaluation_roofline.hpp"

#include <stdexcept>

namespace kevo::fitness::hardware {

std::optional<RooflineReport> roofline_of(const population::Evaluation& evaluation, const Task& task,
                                          const Ceilings& ceilings) {
  const std::optional<double> seconds = evaluation.bench_seconds();
  if (!evaluation.ok() || !seconds || *seconds <= 0) return std::nullopt;
  const expr::Bindings sizes(task.bench.values.begin(), task.bench.values.end());
  try {
    const double flops = static_cast<double>(task.flops.evaluate(sizes));
    const double bytes = static_cast<double>(task.bytes.evaluate(sizes));
    return analyze_roofline(flops, bytes, *seconds, ceilings, evaluation.resources);
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
