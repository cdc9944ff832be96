#pragma once
// A member of an island's population: a variant with its evaluation on the
// island's device and the fitness derived from it.
#include <string>

#include "population/evaluation.hpp"
#include "population/variant.hpp"

namespace kevo::engine {

struct Individual {
  std::string id;                    // variant.content_hash()
  population::Variant variant;
  population::Evaluation evaluation;
  double speedup = 0;                // baseline median / own median at the bench size; 0 if failed
};

// Speedup of `evaluation` over `baseline_seconds`; 0 when it failed or was not timed.
double speedup_over(double baseline_seconds, const population::Evaluation& evaluation);

// Orders fitter first; ties broken by id so that the order is reproducible.
bool fitter(const Individual& a, const Individual& b);

}  // namespace kevo::engine
