#pragma once
// Puts an evaluation on its device's roofline: the fraction of the roof it
// reached at the bench size and what bounds it, from the task's flops/bytes
// formulas and the ceilings of the device's hardware profile (measured where
// `kevo calibrate` ran, datasheet otherwise).
//
// A profiled evaluation (hardware counters) is placed by the DRAM bytes it
// really moved: a kernel that moves 4x the formula's bytes at the DRAM roof
// is memory-bound, not "latency-bound at 25%". Its fraction stays the
// formula's, so variants keep comparing by useful work, and the report
// flags the excess traffic.
#include <optional>

#include "fitness/hardware/ceilings.hpp"
#include "fitness/hardware/roofline.hpp"
#include "fitness/task.hpp"
#include "population/evaluation.hpp"

namespace kevo::fitness::hardware {

// The report for an ok, timed evaluation; nullopt otherwise (or when the
// task's formulas give nothing to put on a roofline).
std::optional<RooflineReport> roofline_of(const population::Evaluation& evaluation, const Task& task,
                                          const Ceilings& ceilings);

// Fills roofline_fraction and bound when roofline_of() has a report.
void annotate_roofline(population::Evaluation& evaluation, const Task& task, const Ceilings& ceilings);

// The precision a task's roofline uses (Task::compute).
Precision task_precision(const Task& task);

}  // namespace kevo::fitness::hardware
