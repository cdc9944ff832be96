#pragma once
// How a written input is reported, whichever back end found it:
//   "kernel wrote its input x (x[3] was 0.25, now 0)".
#include <cstddef>
#include <string>

#include "fitness/task.hpp"

namespace kevo::fitness::protocol {

// `was` holds the input as drawn, `now` as the kernel left it (`bytes` each).
std::string describe_changed_input(const std::string& name, DType dtype, const unsigned char* was,
                                   const unsigned char* now, std::size_t bytes);

}  // namespace kevo::fitness::protocol
