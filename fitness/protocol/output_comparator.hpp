#pragma once
// Compares one output tensor against the reference's.
//
// An element passes when it is finite, not poison, and
//   |out - ref| <= tolerance.abs + tolerance.rel * |ref|;
// the tensor then also has to pass the norm check
//   ||out - ref||_2 <= tolerance.norm_rel * ||ref||_2 + tolerance.abs * sqrt(n),
// which catches an error spread thinly over many elements.
// NaN and Inf never pass, even where the reference has the same value.
#include <cstdint>
#include <string>

#include "fitness/task.hpp"

namespace kevo::fitness::protocol {

struct Comparison {
  bool pass = true;
  // Empty when it passes; else names the first failing element, e.g.
  //   "output C[17] not written (still poison)", "output C[3] = nan",
  //   "output C[5] = 0.5, expected 0.25 (abs err 0.25, rel err 1)"
  // followed by "; 12 of 128 elements fail" when more than one fails.
  std::string failure;
  std::int64_t failing_elements = 0;
  double max_abs_error = 0;   // over finite elements
  double max_rel_error = 0;   // over elements with |ref| >= tolerance.abs (see .cpp)
  double norm_rel_error = 0;  // ||out - ref|| / ||ref|| (||out - ref|| when ||ref|| is 0)
};

Comparison compare_output(const std::string& name, DType dtype, const void* output,
                          const void* reference, std::int64_t count, const Tolerance& tolerance);

// Keeps the worst of each error measure; `pass`/`failure` come from the first failing one.
void merge_into(Comparison& total, const Comparison& part);

}  // namespace kevo::fitness::protocol
