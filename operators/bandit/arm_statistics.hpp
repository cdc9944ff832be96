#pragma once
// What a bandit knows about one arm: how often it was pulled and what it
// paid. Counts are doubles so that a prior from earlier campaigns can be
// decayed into fractional pseudo-tries.
namespace kevo::operators::bandit {

struct ArmStatistics {
  double tries = 0;
  double reward_sum = 0;
  double successes = 0;  // tries with a reward above zero

  double mean() const { return tries > 0 ? reward_sum / tries : 0; }
  void record(double reward) {
    tries += 1;
    reward_sum += reward;
    if (reward > 0) successes += 1;
  }
  // The same evidence, weighted by `factor` (0: forget, 1: keep all).
  ArmStatistics decayed(double factor) const { return {tries * factor, reward_sum * factor, successes * factor}; }
  // As if `pending` pulls still in flight had paid the current mean: they
  // shrink the exploration bonus without moving the mean, so a batch of
  // choices made before any reward spreads over the arms instead of all
  // taking the same one. On an untried arm they count as unpaid tries.
  ArmStatistics with_pending(double pending) const {
    return {tries + pending, reward_sum + mean() * pending, successes};
  }
  ArmStatistics& operator+=(const ArmStatistics& other) {
    tries += other.tries;
    reward_sum += other.reward_sum;
    successes += other.successes;
    return *this;
  }
};

}  // namespace kevo::operators::bandit
