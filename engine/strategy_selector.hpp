#pragma once
// StrategySelector: an island's use of the strategy bandit. Before a
// `strategy` child is drawn it picks, among the strategies the parent's seed
// family declares, the one to apply, in the context (hardware, parent's
// bound: the roofline's, or the finer one its hardware counters give, e.g.
// "memory/uncoalesced"); once the child is measured, it pays the bandit the child's
// improvement over its parent. It keeps the island's own evidence apart from
// the prior it started with, so hardware memory never counts a prior twice.
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/individual.hpp"
#include "fitness/task.hpp"
#include "operators/bandit/hierarchical_bandit.hpp"

namespace kevo::engine {

// What every island of a campaign shares for strategy selection.
struct StrategySetup {
  operators::strategy::StrategyCatalogue catalogue;
  operators::bandit::PolicyConfig policy;
  std::vector<operators::bandit::LearnedArm> prior;  // hardware memory from earlier campaigns
  double prior_decay = 0.5;
};

class StrategySelector {
 public:
  // `task` must outlive the selector (the island's task): the context's
  // finer bound reads the task's bytes formula.
  StrategySelector(const StrategySetup& setup, std::string hardware, const fitness::Task& task);

  // The strategy for a child of `parent`; nullopt when its family declares none.
  std::optional<std::string> choose(const fitness::Task& task, const Individual& parent, std::mt19937_64& rng);
  // Remembers which strategy and parent made `child_id`.
  void expect(const std::string& child_id, const std::string& strategy, const Individual& parent);
  // Rewards the strategies behind any of `measured` that were expected, then
  // forgets every expectation (a child not measured now never will be).
  void observe(const std::vector<Individual>& measured);

  // This island's own evidence (no prior), for the report and hardware memory.
  std::vector<operators::bandit::LearnedArm> learned() const { return own_.statistics(); }
  nlohmann::json to_json() const;
  void restore(const nlohmann::json& state);

 private:
  struct Pending {
    operators::bandit::BanditContext context;
    operators::bandit::StrategyChoice choice;
    double parent_seconds = 0;
  };
  operators::bandit::BanditContext context_for(const Individual& parent) const;

  std::string hardware_;
  const fitness::Task& task_;
  operators::bandit::HierarchicalBandit bandit_;  // prior + own evidence: chooses
  operators::bandit::HierarchicalBandit own_;     // own evidence only
  std::map<std::string, Pending> pending_;        // by child id
};

// The hardware part of a device id: "cuda:0:NVIDIA-H100-80GB-HBM3" -> "NVIDIA-H100-80GB-HBM3"
// (likewise "hip:1:AMD-Instinct-MI250X");
// CPU ids ("cpu:AMD-EPYC") are kept whole.
std::string hardware_of(const std::string& device_id);

}  // namespace kevo::engine
