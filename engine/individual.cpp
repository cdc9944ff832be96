#include "engine/individual.hpp"

namespace kevo::engine {

double speedup_over(double baseline_seconds, const population::Evaluation& evaluation) {
  const auto seconds = evaluation.bench_seconds();
  if (!evaluation.ok() || !seconds || *seconds <= 0) return 0;
  return baseline_seconds / *seconds;
}

bool fitter(const Individual& a, const Individual& b) {
  if (a.speedup != b.speedup) return a.speedup > b.speedup;
  return a.id < b.id;
}

}  // namespace kevo::engine
