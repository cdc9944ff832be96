#include "operators/bandit/selection_policy.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "operators/random_draw.hpp"

namespace kevo::operators::bandit {

namespace {

std::size_t choose_ucb(const PolicyConfig& config, const std::vector<ArmStatistics>& arms, std::mt19937_64& rng) {
  // Less than one (possibly decayed) try: not yet known, so tried first, in
  // random order (a fixed order would favour whatever the catalogue lists first).
  std::vector<std::size_t> untried;
  for (std::size_t i = 0; i < arms.size(); ++i) {
    if (arms[i].tries < 1) untried.push_back(i);
  }
  if (!untried.empty()) return untried[draw_index(rng, untried.size())];
  double total = 0;
  for (const ArmStatistics& arm : arms) total += arm.tries;
  std::size_t best = 0;
  double best_score = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < arms.size(); ++i) {
    const double score = arms[i].mean() + config.exploration * std::sqrt(std::log(total) / arms[i].tries);
    if (score > best_score) {
      best_score = score;
      best = i;
    }
  }
  return best;
}

std::size_t choose_thompson(const PolicyConfig& config, const std::vector<ArmStatistics>& arms,
                            std::mt19937_64& rng) {
  std::size_t best = 0;
  double best_draw = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < arms.size(); ++i) {
    const double weight = arms[i].tries + config.prior_tries;
    const double mean = (arms[i].reward_sum + config.prior_mean * config.prior_tries) / weight;
    const double draw = mean + config.prior_spread / std::sqrt(weight) * draw_standard_normal(rng);
    if (draw > best_draw) {
      best_draw = draw;
      best = i;
    }
  }
  return best;
}

}  // namespace

std::string to_string(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::ucb: return "ucb";
    case PolicyKind::thompson: return "thompson";
    case PolicyKind::uniform: return "uniform";
  }
  return "ucb";
}

PolicyKind policy_kind_from_string(const std::string& text) {
  for (PolicyKind kind : {PolicyKind::ucb, PolicyKind::thompson, PolicyKind::uniform}) {
    if (to_string(kind) == text) return kind;
  }
  throw std::invalid_argument("unknown bandit policy '" + text + "'; use ucb, thompson or uniform");
}

std::size_t choose_arm(const PolicyConfig& config, const std::vector<ArmStatistics>& arms, std::mt19937_64& rng) {
  if (arms.empty()) throw std::invalid_argument("choose_arm: no arms to choose from");
  switch (config.kind) {
    case PolicyKind::ucb: return choose_ucb(config, arms, rng);
    case PolicyKind::thompson: return choose_thompson(config, arms, rng);
    case PolicyKind::uniform: return draw_index(rng, arms.size());
  }
  return 0;
}

}  // namespace kevo::operators::bandit
