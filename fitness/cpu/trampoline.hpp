#pragma once
// The generated translation unit: a short prelude, the kernel source (with
// #line so compiler messages point at the kernel's own lines), then one
// extern "C" entry per launch step,
//
//   extern "C" void kevo_entry_0(void** a) {
//     vadd((const float*)a[0], (const float*)a[1], (float*)a[2], *(const std::int64_t*)a[3]);
//   }
//
// so that a kernel whose signature does not match the plan fails to compile
// instead of reading garbage at run time.
#include <string>
#include <vector>

#include "fitness/protocol/launch_plan_binding.hpp"

namespace kevo::fitness::cpu {

// The symbol of launch step `index`.
std::string entry_symbol(std::size_t index);
// entry_symbol(i) for every step of `plan`.
std::vector<std::string> entry_symbols(const protocol::ResolvedPlan& plan);

// `file_label` names the source in compiler messages ("kernel.cpp", "reference.cpp").
std::string generate_translation_unit(const std::string& kernel_source,
                                      const std::string& file_label,
                                      const protocol::ResolvedPlan& plan);

}  // namespace kevo::fitness::cpu
