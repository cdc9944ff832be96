#pragma once
// The task's CPU reference (reference.cpp, double accumulation), compiled
// into a trusted kernel that a CPU worker runs. Every back end uses it at the
// check sizes. A reference that does not compile, or whose interface cannot
// be called, is a task error: std::runtime_error naming the file.
#include "fitness/cpu/cpu_compiler.hpp"
#include "fitness/evaluator.hpp"
#include "fitness/task.hpp"
#include "fitness/trial/reference_runner.hpp"

namespace kevo::fitness::cpu {

trial::TrustedKernel compile_cpu_reference(const CpuCompiler& compiler, const Task& task);

// The reference may be slow (it accumulates in double, unoptimized by design),
// and a hang there is a task error, so it gets its own, longer limit.
double reference_timeout(const EvaluationProtocol& protocol);

}  // namespace kevo::fitness::cpu
