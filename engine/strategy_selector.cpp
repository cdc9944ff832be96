#include "engine/strategy_selector.hpp"

#include "fitness/profile/counter_diagnosis.hpp"
#include "operators/bandit/bandit_memory.hpp"
#include "operators/strategy/strategy_operator.hpp"

namespace kevo::engine {

using operators::bandit::BanditContext;

std::string hardware_of(const std::string& device_id) {
  for (const std::string prefix : {"cuda:", "hip:"}) {
    if (device_id.rfind(prefix, 0) != 0) continue;
    const std::size_t second_colon = device_id.find(':', prefix.size());
    return second_colon == std::string::npos ? device_id : device_id.substr(second_colon + 1);
  }
  return device_id;
}

StrategySelector::StrategySelector(const StrategySetup& setup, std::string hardware, const fitness::Task& task)
    : hardware_(std::move(hardware)), task_(task), bandit_(setup.catalogue, setup.policy), own_(setup.catalogue, setup.policy) {
  bandit_.add_prior(setup.prior, setup.prior_decay);
}

BanditContext StrategySelector::context_for(const Individual& parent) const {
  return {hardware_, fitness::profile::bandit_bound(parent.evaluation, task_)};
}

std::optional<std::string> StrategySelector::choose(const fitness::Task& task, const Individual& parent,
                                                    std::mt19937_64& rng) {
  std::set<std::string> allowed = operators::strategy::applicable_strategies(task, parent.variant);
  std::erase_if(allowed, [&](const std::string& name) { return bandit_.catalogue().find(name) == nullptr; });
  if (allowed.empty()) return std::nullopt;
  const BanditContext context = context_for(parent);
  // Children of this generation drawn so far have no reward yet: count them,
  // so one generation's children do not all take the same arm.
  std::map<std::string, double> in_flight;
  for (const auto& [child, p] : pending_) {
    if (!(p.context < context) && !(context < p.context)) in_flight[p.choice.strategy] += 1;
  }
  return bandit_.choose(context, allowed, rng, in_flight).strategy;
}

void StrategySelector::expect(const std::string& child_id, const std::string& strategy, const Individual& parent) {
  const auto* known = bandit_.catalogue().find(strategy);
  if (known == nullptr) return;
  pending_[child_id] = {context_for(parent), {known->family, strategy}, parent.evaluation.bench_seconds().value_or(0)};
}

void StrategySelector::observe(const std::vector<Individual>& measured) {
  for (const Individual& child : measured) {
    const auto found = pending_.find(child.id);
    if (found == pending_.end()) continue;
    const Pending& p = found->second;
    const double reward = operators::bandit::improvement_reward(
        p.parent_seconds, child.evaluation.bench_seconds().value_or(0), child.evaluation.ok());
    bandit_.record(p.context, p.choice, reward);
    own_.record(p.context, p.choice, reward);
  }
  // Children the budget cut before they ran are never measured: forget them.
  pending_.clear();
}

nlohmann::json StrategySelector::to_json() const { return operators::bandit::arms_to_json(own_.statistics()); }

// A resumed island re-learns from its own committed evidence on top of the prior.
void StrategySelector::restore(const nlohmann::json& state) {
  const auto arms = operators::bandit::arms_from_json(state);
  bandit_.add_prior(arms, 1.0);
  own_.add_prior(arms, 1.0);
}

}  // namespace kevo::engine
