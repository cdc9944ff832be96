#include "fitness/session/session_driver.hpp"

#include <sys/random.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

#include "fitness/protocol/random.hpp"
#include "fitness/session/verified_runs.hpp"

namespace kevo::fitness::session {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

std::uint64_t fresh_entropy() {
  std::uint64_t bits = 0;
  auto* bytes = reinterpret_cast<unsigned char*>(&bits);
  std::size_t got = 0;
  while (got < sizeof bits) {
    const ssize_t n = ::getrandom(bytes + got, sizeof bits - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error(std::string("getrandom: ") + std::strerror(errno));
    got += static_cast<std::size_t>(n);
  }
  return bits;
}

std::string VerifiedRun::describe(int samples) const {
  if (sample < 0) return "the check run";
  return "timed run " + std::to_string(sample + 1) + " of " + std::to_string(samples) + " (" + role + ")";
}

SessionDriver::SessionDriver(SessionDevice& device, const SessionSpec& spec, std::uint64_t seed,
                             std::uint64_t random_bits)
    : device_(device), spec_(spec), seed_(seed), random_bits_(random_bits) {
  if (spec_.check_run && !spec_.reference) {
    throw std::invalid_argument("a session's check run needs the worker to hold the reference");
  }
}

SessionOutcome SessionDriver::run() {
  SessionOutcome outcome;
  outcome.seed = seed_;
  try {
    const auto start = std::chrono::steady_clock::now();
    if (spec_.check_run) check_run(outcome);
    if (outcome.failed()) return outcome;
    timed_runs(outcome);
    outcome.runs_seconds = seconds_since(start);
  } catch (const RunVerdict& verdict) {
    fail(outcome, verdict.status, std::string(verdict.what()) + " in " + describe_run(verdict.run));
    return outcome;
  }
  const auto start = std::chrono::steady_clock::now();
  verify_chosen(outcome);
  outcome.verify_seconds = seconds_since(start);
  return outcome;
}

void SessionDriver::check_run(SessionOutcome& outcome) {
  const std::uint64_t seed = protocol::run_input_seed(seed_, 0);
  device_.prepare(0, seed);
  device_.launch(0, /*timed=*/false);
  device_.after_run(0, 0);
  device_.finish();
  VerifiedRun check{0, -1, "check", seed, device_.verify(seed, 0)};
  outcome.verified.push_back(check);
  if (!check.comparison->pass) fail(outcome, "wrong_result", check.comparison->failure + " in the check run");
  first_sample_run_ = 1;
}

void SessionDriver::timed_runs(SessionOutcome& outcome) {
  const int samples = std::max(1, spec_.samples);
  const int capacity = device_.stash_capacity(spec_);
  if (capacity >= samples) {
    for (int s = 0; s < samples; ++s) slot_of_sample_[s] = s;
  } else {
    // Not every sample's outputs fit: the runs to verify are drawn now.
    int slot = 0;
    for (const ChosenSample& chosen : choose_before_timing(samples, capacity, random_bits_)) {
      slot_of_sample_[chosen.sample] = slot++;
    }
  }
  int run = first_sample_run_;
  for (int w = 0; w < spec_.warmup; ++w, ++run) {
    device_.prepare(run, protocol::run_input_seed(seed_, static_cast<std::uint64_t>(run)));
    device_.launch(run, /*timed=*/false);
    device_.after_run(run, std::nullopt);
  }
  first_sample_run_ = run;
  for (int s = 0; s < samples; ++s, ++run) {
    device_.prepare(run, protocol::run_input_seed(seed_, static_cast<std::uint64_t>(run)));
    device_.launch(run, /*timed=*/true);
    const auto slot = slot_of_sample_.find(s);
    device_.after_run(run, slot == slot_of_sample_.end() ? std::nullopt : std::optional<int>(slot->second));
  }
  outcome.samples = device_.finish();
}

void SessionDriver::verify_chosen(SessionOutcome& outcome) {
  const int samples = static_cast<int>(outcome.samples.size());
  const std::vector<ChosenSample> chosen =
      static_cast<int>(slot_of_sample_.size()) >= samples
          ? choose_after_timing(outcome.samples, spec_.extra_verified, random_bits_)
          : choose_before_timing(samples, static_cast<int>(slot_of_sample_.size()), random_bits_);
  for (const ChosenSample& c : chosen) {
    const int run = first_sample_run_ + c.sample;
    const std::uint64_t seed = protocol::run_input_seed(seed_, static_cast<std::uint64_t>(run));
    VerifiedRun verified{run, c.sample, c.role, seed, std::nullopt};
    kept_[run] = {seed, slot_of_sample_.at(c.sample)};
    if (spec_.reference && !outcome.failed()) {
      verified.comparison = device_.verify(seed, kept_[run].slot);
      if (!verified.comparison->pass) {
        fail(outcome, "wrong_result", verified.comparison->failure + " in " + verified.describe(samples));
      }
    }
    outcome.verified.push_back(verified);
  }
}

void SessionDriver::export_run(int run) {
  const auto kept = kept_.find(run);
  if (kept == kept_.end()) throw std::runtime_error("run " + std::to_string(run) + " of the session was not kept");
  device_.export_run(kept->second.seed, kept->second.slot);
}

void SessionDriver::fail(SessionOutcome& outcome, const std::string& status, const std::string& message) const {
  if (outcome.failed()) return;
  outcome.failure_status = status;
  outcome.failure = message;
}

std::string SessionDriver::describe_run(int run) const {
  if (spec_.check_run && run == 0) return "the check run";
  const int warmup_start = spec_.check_run ? 1 : 0;
  if (run < warmup_start + spec_.warmup) return "warm-up run " + std::to_string(run - warmup_start + 1);
  const int sample = run - warmup_start - spec_.warmup;
  return "timed run " + std::to_string(sample + 1) + " of " + std::to_string(std::max(1, spec_.samples));
}

}  // namespace kevo::fitness::session
