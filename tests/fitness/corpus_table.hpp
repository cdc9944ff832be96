#pragma once
// What the adversarial corpora (CPU and CUDA) share: one expected outcome per
// kernel, and the table of outcomes docs/benchmarks.md records.
#include <cstddef>
#include <iostream>
#include <string>
#include <vector>

#include "population/evaluation.hpp"

namespace kevo::test {

struct CorpusCase {
  std::string name;  // kernel file (without extension), or "seed:<knob value>" for the honest seed
  population::EvalStatus status;
  std::vector<std::string> reason_parts;  // each must appear in Evaluation::error
};

// The corpus as a table (kernel, status, median of a passing one, reason) for docs/benchmarks.md.
inline void print_corpus_table(const std::vector<CorpusCase>& cases,
                               const std::vector<population::Evaluation>& evaluations) {
  std::cout << "| kernel | status | median us | reason |\n|---|---|---|---|\n";
  for (std::size_t i = 0; i < cases.size(); ++i) {
    std::string reason = evaluations[i].error.substr(0, evaluations[i].error.find('\n'));
    if (reason.size() > 240) reason = reason.substr(0, 237) + "...";
    for (std::size_t at = reason.find('|'); at != std::string::npos; at = reason.find('|', at + 2)) reason.insert(at, "\\");
    const auto& timings = evaluations[i].timings;
    const std::string median = timings.empty() ? "" : std::to_string(timings.front().median_seconds * 1e6);
    std::cout << "| " << cases[i].name << " | " << population::to_string(evaluations[i].status) << " | " << median
              << " | " << reason << " |\n";
  }
  std::cout.flush();
}

}  // namespace kevo::test
