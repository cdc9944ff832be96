#pragma once
// How a bandit picks one arm from its statistics, selectable in YAML:
//   ucb       UCB1: the best mean plus `exploration` * sqrt(ln N / n); every
//             arm is tried once first, untried arms in random order;
//   thompson  Gaussian Thompson sampling: a draw from each arm's posterior
//             of its mean reward (prior mean `prior_mean` worth `prior_tries`
//             tries, spread `prior_spread`), highest draw wins;
//   uniform   the baseline: every arm equally likely.
#include <cstddef>
#include <random>
#include <string>
#include <vector>

#include "operators/bandit/arm_statistics.hpp"

namespace kevo::operators::bandit {

enum class PolicyKind { ucb, thompson, uniform };
std::string to_string(PolicyKind kind);
PolicyKind policy_kind_from_string(const std::string& text);  // throws std::invalid_argument

struct PolicyConfig {
  PolicyKind kind = PolicyKind::ucb;
  double exploration = 0.5;  // UCB's c; rewards lie in [0, 1]
  double prior_mean = 0.2;   // Thompson
  double prior_tries = 1;
  double prior_spread = 0.5;
};

// Index of the chosen arm; throws std::invalid_argument when `arms` is empty.
std::size_t choose_arm(const PolicyConfig& config, const std::vector<ArmStatistics>& arms, std::mt19937_64& rng);

}  // namespace kevo::operators::bandit
