#pragma once
// The timing session, the same on every back end:
//   1. (with an internal reference) the check run: fresh inputs, one run,
//      verified at once, so a wrong kernel costs one run;
//   2. warm-up runs and timed runs, each on inputs drawn for it alone;
//   3. the runs chosen by verified_runs.hpp verified: by the worker itself
//      when the spec carries a reference, otherwise by the engine, which
//      asks for each chosen run's inputs and outputs (export).
#include <cstdint>
#include <map>

#include "fitness/session/session_device.hpp"
#include "fitness/session/session_spec.hpp"

namespace kevo::fitness::session {

// 64 bits from the operating system's entropy pool (getrandom): session
// seeds and the choice of drawn runs, which no kernel can predict.
std::uint64_t fresh_entropy();

class SessionDriver {
 public:
  // `seed` draws every run's inputs; `random_bits` chooses drawn runs.
  SessionDriver(SessionDevice& device, const SessionSpec& spec, std::uint64_t seed, std::uint64_t random_bits);
  SessionOutcome run();
  // Writes a verified run's inputs and kept outputs to the shared buffers;
  // throws std::runtime_error for a run that was not kept.
  void export_run(int run);

 private:
  struct Kept {
    std::uint64_t seed;
    int slot;
  };
  void check_run(SessionOutcome& outcome);
  void timed_runs(SessionOutcome& outcome);
  void verify_chosen(SessionOutcome& outcome);
  void fail(SessionOutcome& outcome, const std::string& status, const std::string& message) const;
  std::string describe_run(int run) const;

  SessionDevice& device_;
  const SessionSpec& spec_;
  std::uint64_t seed_;
  std::uint64_t random_bits_;
  int first_sample_run_ = 0;
  std::map<int, int> slot_of_sample_;  // timed samples whose outputs are kept
  std::map<int, Kept> kept_;           // verified runs, by run
};

}  // namespace kevo::fitness::session
