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
  ArmStatistics& operator+=(const ArmStatistics& other) {
    tries += other.tries;
    reward_sum += other.reward_sum;
    successes += other.successes;
    return *this;
  }
};

}  // namespace kevo::operators::bandit
