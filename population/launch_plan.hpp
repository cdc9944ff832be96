#pragma once
// A variant's launch plan, kept as expression text so that population/ does
// not depend on the expression language (which lives in fitness/expr).
// Candidates never run host code of their own: the plan is all they say
// about how they are launched.
#include <array>
#include <string>
#include <vector>

namespace kevo::population {

struct LaunchStep {
  std::string kernel;                          // function name in the variant's source
  std::array<std::string, 3> grid{"1", "1", "1"};   // GPU only; ignored on CPU
  std::array<std::string, 3> block{"1", "1", "1"};  // GPU only; ignored on CPU
  std::string shared_bytes = "0";              // GPU dynamic shared memory
  std::vector<std::string> args;               // tensor/scratch names or integer expressions
  bool operator==(const LaunchStep&) const = default;
};

struct ScratchBuffer {
  std::string name;
  std::string bytes;  // expression over sizes and knobs
  bool operator==(const ScratchBuffer&) const = default;
};

struct LaunchPlan {
  std::vector<LaunchStep> steps;
  std::vector<ScratchBuffer> scratch;
  bool operator==(const LaunchPlan&) const = default;
};

// Canonical one-line text, used in content hashes and the archive.
std::string to_canonical_text(const LaunchPlan& plan);

}  // namespace kevo::population
