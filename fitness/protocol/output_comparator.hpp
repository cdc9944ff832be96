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

// What a comparison gathered over all elements, wherever it ran (here, or a
// GPU's compare kernel): the verdict and its message come from these alone.
struct ComparisonCounts {
  std::int64_t failing = 0;
  std::string first_failure;  // element_failure() of the lowest failing index
  double diff_squared = 0;    // over finite elements
  double ref_squared = 0;
  double max_abs = 0;
  double max_rel = 0;
};
Comparison comparison_from_counts(const std::string& name, std::int64_t count, const ComparisonCounts& counts,
                                  const Tolerance& tolerance);

// Why output element `index`, whose bytes are at `element`, fails against
// `ref`: "" when it passes.
std::string element_failure(const std::string& name, DType dtype, const void* element, std::int64_t index,
                            double ref, const Tolerance& tolerance);

// "" when every element of an output is written and finite (a reference's
// outputs must be), else its first bad element, as a comparison names it.
std::string invalid_element(const std::string& name, DType dtype, const void* data, std::int64_t count);

// The value of element `index` of `data`, as a double.
double load_element(DType dtype, const void* data, std::int64_t index);

// Keeps the worst of each error measure; `pass`/`failure` come from the first failing one.
void merge_into(Comparison& total, const Comparison& part);

}  // namespace kevo::fitness::protocol
