#include "fitness/compile/kernel_compile_job.hpp"

namespace kevo::fitness::compile {

std::vector<std::string> knob_defines(const population::KnobValues& knobs) {
  std::vector<std::string> defines;
  for (const auto& [name, value] : knobs) defines.push_back("-D" + name + "=" + std::to_string(value));
  return defines;
}

}  // namespace kevo::fitness::compile
