#include "operators/bandit/hierarchical_bandit.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace kevo::operators::bandit {

HierarchicalBandit::HierarchicalBandit(strategy::StrategyCatalogue catalogue, PolicyConfig config)
    : catalogue_(std::move(catalogue)), config_(config) {
  if (catalogue_.families().empty()) throw std::invalid_argument("the bandit needs a non-empty strategy catalogue");
}

// A family's arm is the sum of its strategies' evidence.
ArmStatistics HierarchicalBandit::family_statistics(const ContextStats& stats,
                                                    const strategy::StrategyFamily& family) const {
  ArmStatistics total;
  for (const strategy::Strategy& s : family.strategies) {
    if (const auto found = stats.find(s.name); found != stats.end()) total += found->second;
  }
  return total;
}

namespace {
std::string coarse_bound(const std::string& bound) { return bound.substr(0, bound.find('/')); }
}  // namespace

HierarchicalBandit::ContextStats HierarchicalBandit::evidence_for(const BanditContext& context) const {
  ContextStats stats;
  const std::string coarse = coarse_bound(context.bound);
  for (const auto& [other, other_stats] : stats_) {
    if (other.hardware != context.hardware || coarse_bound(other.bound) != coarse) continue;
    const double weight = other.bound == context.bound ? 1.0 : kRelatedContextWeight;
    for (const auto& [name, arm] : other_stats) stats[name] += arm.decayed(weight);
  }
  return stats;
}

StrategyChoice HierarchicalBandit::choose(const BanditContext& context, std::mt19937_64& rng) const {
  std::set<std::string> all;
  for (const auto& family : catalogue_.families()) {
    for (const auto& s : family.strategies) all.insert(s.name);
  }
  return choose(context, all, rng);
}

StrategyChoice HierarchicalBandit::choose(const BanditContext& context, const std::set<std::string>& allowed,
                                          std::mt19937_64& rng, const std::map<std::string, double>& pending) const {
  ContextStats stats = evidence_for(context);
  for (const auto& [name, count] : pending) stats[name] = stats[name].with_pending(count);
  // The arms at each level: families with an allowed strategy, then those strategies.
  std::vector<strategy::StrategyFamily> families;
  for (const auto& family : catalogue_.families()) {
    strategy::StrategyFamily open{family.name, family.description, {}};
    for (const auto& s : family.strategies) {
      if (allowed.count(s.name) != 0) open.strategies.push_back(s);
    }
    if (!open.strategies.empty()) families.push_back(std::move(open));
  }
  if (families.empty()) throw std::invalid_argument("bandit: none of the allowed strategies is in the catalogue");
  std::vector<ArmStatistics> family_arms;
  for (const auto& family : families) family_arms.push_back(family_statistics(stats, family));
  const strategy::StrategyFamily& family = families[choose_arm(config_, family_arms, rng)];
  std::vector<ArmStatistics> strategy_arms;
  for (const auto& s : family.strategies) {
    const auto arm = stats.find(s.name);
    strategy_arms.push_back(arm == stats.end() ? ArmStatistics{} : arm->second);
  }
  return {family.name, family.strategies[choose_arm(config_, strategy_arms, rng)].name};
}

void HierarchicalBandit::record(const BanditContext& context, const StrategyChoice& choice, double reward) {
  const strategy::Strategy* known = catalogue_.find(choice.strategy);
  if (known == nullptr || known->family != choice.family) {
    throw std::invalid_argument("bandit: '" + choice.family + "/" + choice.strategy + "' is not in the catalogue");
  }
  stats_[context][choice.strategy].record(std::clamp(reward, 0.0, 1.0));
}

std::vector<LearnedArm> HierarchicalBandit::statistics() const {
  std::vector<LearnedArm> rows;
  for (const auto& [context, stats] : stats_) {
    for (const auto& family : catalogue_.families()) {
      for (const auto& s : family.strategies) {
        if (const auto arm = stats.find(s.name); arm != stats.end()) rows.push_back({context, family.name, s.name, arm->second});
      }
    }
  }
  return rows;
}

void HierarchicalBandit::add_prior(const std::vector<LearnedArm>& prior, double decay) {
  if (!(decay >= 0 && decay <= 1)) throw std::invalid_argument("bandit: prior decay must lie in [0, 1]");
  for (const LearnedArm& row : prior) {
    const strategy::Strategy* known = catalogue_.find(row.strategy);
    if (known == nullptr || known->family != row.family) continue;
    stats_[row.context][row.strategy] += row.statistics.decayed(decay);
  }
}

double improvement_reward(double parent_seconds, double child_seconds, bool child_ok) {
  if (!child_ok || !(parent_seconds > 0) || !(child_seconds > 0) || child_seconds >= parent_seconds) return 0;
  return std::min(1.0, std::log2(parent_seconds / child_seconds));
}

}  // namespace kevo::operators::bandit
