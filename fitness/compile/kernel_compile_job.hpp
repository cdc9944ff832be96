#pragma once
// What a GPU run-time compiler (NVRTC, hiprtc) is asked and answers: one
// source with its knob defines and the kernels its launch plan names, and a
// code object with each kernel's lowered symbol, or the compiler's log.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "population/variant.hpp"

namespace kevo::fitness::compile {

struct KernelCompileJob {
  std::string label;                 // for messages: variant id or "reference"
  std::string source;
  population::KnobValues knobs;      // -DNAME=value
  std::vector<std::string> kernels;  // each launch step's kernel, in step order
};

struct KernelCompileResult {
  bool ok = false;
  std::filesystem::path object;      // cubin or AMD code object, in the compile cache
  std::vector<std::string> symbols;  // lowered name of each step's kernel
  std::string log;                   // the compiler's log, verbatim; the whole story when !ok
  double seconds = 0;
  bool cache_hit = false;
};

// Kernel names of a launch plan's steps, in step order: what a compile job names.
std::vector<std::string> kernel_names(const population::LaunchPlan& plan);

// -DNAME=value for each knob, in name order.
std::vector<std::string> knob_defines(const population::KnobValues& knobs);

// One name per line (kernel names in a cache key, lowered symbols beside a code object), and back.
std::string join_lines(const std::vector<std::string>& lines);
std::vector<std::string> split_lines(const std::string& text);

// Runs `compile(job)` for every job on up to `threads` threads; an exception
// becomes that job's failed result, its message after `what` ("NVRTC failed: ").
std::vector<KernelCompileResult> compile_each(
    const std::vector<KernelCompileJob>& jobs, unsigned threads, const std::string& what,
    const std::function<KernelCompileResult(const KernelCompileJob&)>& compile);

}  // namespace kevo::fitness::compile
