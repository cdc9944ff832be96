#pragma once
// What the GPU back ends (CUDA, HIP) do alike between screening a variant
// and measuring it: the screened variant with its compile job, and what a
// compile result leads to (a compile error kept verbatim, or the trial and
// the variant's place on the device's roofline). They differ in the
// runtime compiler and in what they screen first.
#include <cstddef>
#include <optional>

#include "fitness/compile/kernel_compile_job.hpp"
#include "fitness/hardware/ceilings.hpp"
#include "fitness/trial/variant_screen.hpp"
#include "fitness/trial/variant_trial.hpp"

namespace kevo::fitness::trial {

struct ScreenedGpuVariant {
  std::size_t index;  // in the batch being evaluated
  CompiledVariant compiled;
  compile::KernelCompileJob job;
};

// screen_variant, then the compile job for the plan's kernels; nullopt with
// `evaluation` marked rejected when screening refuses the variant.
std::optional<ScreenedGpuVariant> screen_gpu_variant(const Task& task, const population::Variant& variant,
                                                     const ScreenRules& rules, std::size_t index,
                                                     population::Evaluation& evaluation);

// Fills `evaluation` from the compile: its error, or the trial's result
// placed on the roofline when the device has measured ceilings.
void run_compiled_gpu_variant(TrialSetup& setup, ScreenedGpuVariant& screened,
                              const compile::KernelCompileResult& compiled,
                              const std::optional<hardware::Ceilings>& ceilings, population::Evaluation& evaluation);

}  // namespace kevo::fitness::trial
