#pragma once
// What a GPU run-time compiler (NVRTC, hiprtc) is asked and answers: one
// source with its knob defines and the kernels its launch plan names, and a
// code object with each kernel's lowered symbol, or the compiler's log.
#include <filesystem>
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

// -DNAME=value for each knob, in name order.
std::vector<std::string> knob_defines(const population::KnobValues& knobs);

}  // namespace kevo::fitness::compile
