#pragma once
// Reads the hardware counters of a variant that already passed its checks
// and was timed: the bench size's inputs drawn again from the same seed, the
// launch plan run once under the worker's profiler (profile mode). These
// runs are never timed and their outputs are not judged: the counters only
// explain a time already measured the usual way.
#include <string>

#include "fitness/trial/variant_trial.hpp"

namespace kevo::fitness::trial {

struct CounterOutcome {
  bool ok = false;
  bool unsupported = false;  // the device cannot read counters at all: stop asking
  std::string message;       // why not, when not ok
};

// Fills evaluation.counters (with the request's wall time as its overhead).
CounterOutcome read_counters(TrialSetup& setup, const CompiledVariant& variant, population::Evaluation& evaluation);

}  // namespace kevo::fitness::trial
