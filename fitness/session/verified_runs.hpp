#pragma once
// Which timed runs of a session are verified against the reference.
//
// After timing: the fastest run, the median run (both middle runs for an
// even count), the last run, and `extra` more drawn at random from the rest
// with the worker's own entropy. The reported time is the median, so it is
// always the time of a run whose outputs were verified; and a kernel that
// skips its work on some launches makes those launches its fastest, which
// are verified too. Which runs those are is known only once every run has
// been timed, so no launch can tell whether it will be checked.
//
// Before timing (when the outputs of every sample cannot be kept): the last
// run and capacity - 1 others drawn at random, kept as they run; with room
// for one run only, that run is drawn.
#include <cstdint>
#include <string>
#include <vector>

namespace kevo::fitness::session {

struct ChosenSample {
  int sample = 0;    // position among the timed samples
  std::string role;  // "fastest", "median", "last", "drawn", or several joined by ", "
};

std::vector<ChosenSample> choose_after_timing(const std::vector<double>& samples, int extra,
                                              std::uint64_t random_bits);

std::vector<ChosenSample> choose_before_timing(int samples, int capacity, std::uint64_t random_bits);

}  // namespace kevo::fitness::session
