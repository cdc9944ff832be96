// Which timed runs a session verifies (fitness/session/verified_runs): the
// fastest, the median, the last and one or more drawn, so a kernel that skips
// work on some launches is caught whenever skipping made a launch faster.
#include <algorithm>
#include <cstdint>
#include <set>
#include <vector>

#include "catch_compat.hpp"
#include "fitness/protocol/random.hpp"
#include "fitness/session/verified_runs.hpp"
#include "fitness/trial/bench_session.hpp"

using namespace kevo::fitness;

namespace {

std::set<int> chosen(const std::vector<session::ChosenSample>& list) {
  std::set<int> samples;
  for (const auto& c : list) samples.insert(c.sample);
  return samples;
}

}  // namespace

TEST_CASE("verified runs: the fastest, the median, the last and one drawn, each named", "[session]") {
  const std::vector<double> samples = {5, 3, 9, 1, 7, 4, 8};  // fastest: run 3 (1), median: run 0 (5), last: run 6
  const auto list = session::choose_after_timing(samples, 1, 42);
  const std::set<int> runs = chosen(list);
  CHECK(runs.count(3) == 1);
  CHECK(runs.count(0) == 1);
  CHECK(runs.count(6) == 1);
  CHECK(runs.size() == 4);
  for (const auto& c : list) {
    if (c.sample == 3) CHECK(c.role == "fastest");
    if (c.sample == 0) CHECK(c.role == "median");
    if (c.sample == 6) CHECK(c.role == "last");
  }
  // An even count has two middle runs: both are verified.
  // {4, 1, 3, 2}: fastest run 1, middle runs 3 (time 2) and 2 (time 3), last run 3.
  const auto even = chosen(session::choose_after_timing({4, 1, 3, 2}, 0, 1));
  CHECK(even == std::set<int>{1, 2, 3});
  // One sample: it is everything at once.
  const auto one = session::choose_after_timing({2.5}, 1, 9);
  REQUIRE(one.size() == 1);
  CHECK(one.front().role == "fastest, median, last");
}

TEST_CASE("verified runs: drawn runs depend on the bits, not on the samples' values", "[session]") {
  const std::vector<double> samples(15, 1.0);
  std::set<int> drawn_seen;
  for (std::uint64_t bits = 0; bits < 200; ++bits) {
    for (const auto& c : session::choose_after_timing(samples, 1, bits)) {
      if (c.role == "drawn") drawn_seen.insert(c.sample);
    }
  }
  CHECK(drawn_seen.size() >= 12);  // spread over the runs that are not already chosen
}

TEST_CASE("verified runs: before timing, the last run and capacity - 1 drawn ones", "[session]") {
  const auto list = session::choose_before_timing(15, 4, 77);
  const std::set<int> runs = chosen(list);
  CHECK(runs.size() == 4);
  CHECK(runs.count(14) == 1);
}

TEST_CASE("verified runs: before timing with room for one run, that run is drawn, not the last", "[session]") {
  std::set<int> seen;
  for (std::uint64_t bits = 0; bits < 200; ++bits) {
    const auto list = session::choose_before_timing(15, 1, bits);
    REQUIRE(list.size() == 1);
    CHECK(list.front().role == "drawn");
    seen.insert(list.front().sample);
  }
  CHECK(seen.size() >= 12);
}

// The protocol's claim: a kernel that skips its work on a launch makes that
// launch faster, so as long as one timed launch is skipped, the fastest is one
// of them and is verified. Simulated for a kernel that skips each launch with
// probability 1/2, and for one that skips every other launch.
TEST_CASE("verified runs: a kernel skipping work at random or on alternate launches is caught", "[session]") {
  const int samples = 15;
  const int extra = trial::extra_verified_runs(samples);
  int caught_random = 0, skipped_any = 0;
  constexpr int kSessions = 20000;
  for (int s = 0; s < kSessions; ++s) {
    std::vector<double> times(samples);
    std::vector<bool> skipped(samples);
    for (int k = 0; k < samples; ++k) {
      const std::uint64_t bits = protocol::counter_bits(static_cast<std::uint64_t>(s), static_cast<std::uint64_t>(k));
      skipped[k] = (bits & 1) != 0;
      times[k] = (skipped[k] ? 0.1 : 1.0) + static_cast<double>(bits >> 40) * 1e-9;  // noise
    }
    const bool any = std::find(skipped.begin(), skipped.end(), true) != skipped.end();
    skipped_any += any;
    bool caught = false;
    for (const auto& c : session::choose_after_timing(times, extra, static_cast<std::uint64_t>(s) * 7919))
      caught = caught || skipped[c.sample];
    caught_random += caught;
    CHECK(caught == any);  // every session with a skipped timed run is caught
  }
  CHECK(skipped_any > kSessions - 10);  // 2^-15 of sessions skip nothing
  for (const int first : {0, 1}) {
    std::vector<double> times(samples);
    std::vector<bool> skipped(samples);
    for (int k = 0; k < samples; ++k) {
      skipped[k] = (k + first) % 2 == 1;
      times[k] = skipped[k] ? 0.1 : 1.0;
    }
    bool caught = false;
    for (const auto& c : session::choose_after_timing(times, extra, 5)) caught = caught || skipped[c.sample];
    CHECK(caught);
  }
}
