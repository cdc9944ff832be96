#pragma once
// A KernelBand-style hierarchical, contextual bandit over the strategy
// catalogue: first a family, then a strategy inside it, each chosen by the
// configured SelectionPolicy from statistics kept per context. The context
// is the hardware profile and the parent's roofline bound, so what pays on a
// memory-bound kernel on an H100 is learned apart from what pays on a
// compute-bound one or on another device.
//
// The bound may be finer ("memory/dram-bandwidth": the roofline bound and
// the hardware counters' top limiter). A choice then also weighs, at a
// discount, the evidence of the other contexts of the same coarse class on
// the same hardware ("memory", "memory/uncoalesced"), so a finer context
// does not start from nothing and priors recorded under a coarse bound
// still steer it; evidence is still recorded under the exact context.
//
// Hardware memory: statistics() and add_prior() move the learned counts
// between campaigns; a prior is decayed (multiplied by a factor in [0, 1])
// so that new evidence soon outweighs old.
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "operators/bandit/arm_statistics.hpp"
#include "operators/bandit/selection_policy.hpp"
#include "operators/strategy/strategy_catalogue.hpp"

namespace kevo::operators::bandit {

struct BanditContext {
  std::string hardware;  // hardware profile id, e.g. "h100_sxm"
  std::string bound;     // the parent's bound: "memory", "compute", "latency", finer "memory/dram-bandwidth", or ""
  bool operator<(const BanditContext& other) const {
    return hardware != other.hardware ? hardware < other.hardware : bound < other.bound;
  }
};

struct StrategyChoice {
  std::string family;
  std::string strategy;
};

// One row of what was learned: a strategy's statistics in one context.
struct LearnedArm {
  BanditContext context;
  std::string family;
  std::string strategy;
  ArmStatistics statistics;
};

class HierarchicalBandit {
 public:
  HierarchicalBandit(strategy::StrategyCatalogue catalogue, PolicyConfig config);

  StrategyChoice choose(const BanditContext& context, std::mt19937_64& rng) const;
  // The same, among `allowed` strategies only (those the parent's seed family
  // declares); throws std::invalid_argument when none of them is in the catalogue.
  // `pending`: choices per strategy whose rewards are still to come (children
  // drawn but not yet measured), see ArmStatistics::with_pending.
  StrategyChoice choose(const BanditContext& context, const std::set<std::string>& allowed,
                        std::mt19937_64& rng, const std::map<std::string, double>& pending = {}) const;
  // `reward` in [0, 1] (see improvement_reward); counts for the family and the strategy.
  void record(const BanditContext& context, const StrategyChoice& choice, double reward);

  // Every strategy with evidence, in catalogue order per context.
  std::vector<LearnedArm> statistics() const;
  // Adds earlier campaigns' evidence, weighted by `decay` in [0, 1]; arms the
  // catalogue no longer lists are ignored.
  void add_prior(const std::vector<LearnedArm>& prior, double decay);

  const strategy::StrategyCatalogue& catalogue() const { return catalogue_; }
  const PolicyConfig& config() const { return config_; }

 private:
  using ContextStats = std::map<std::string, ArmStatistics>;  // by strategy name
  // A related context's evidence counts this much of the exact context's.
  static constexpr double kRelatedContextWeight = 0.25;
  ContextStats evidence_for(const BanditContext& context) const;
  ArmStatistics family_statistics(const ContextStats& stats, const strategy::StrategyFamily& family) const;

  strategy::StrategyCatalogue catalogue_;
  PolicyConfig config_;
  std::map<BanditContext, ContextStats> stats_;
};

// The reward of a child over its parent: log2 of the speedup, clipped to
// [0, 1] (a 2x gain or better pays 1), and 0 for a failed or slower child.
// Normalising this way makes rewards comparable across tasks of any size.
double improvement_reward(double parent_seconds, double child_seconds, bool child_ok);

}  // namespace kevo::operators::bandit
