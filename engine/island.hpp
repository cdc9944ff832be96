#pragma once
// Island: a population on one device and the generation loop that improves
// it. Evolutionary, greedy and random search are configurations of this one
// loop (engine/search_config.hpp): they differ in how parents are picked,
// which operators make children, and what survives.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/archipelago/transport.hpp"
#include "engine/budget.hpp"
#include "engine/evaluation_service.hpp"
#include "engine/individual.hpp"
#include "engine/run_store.hpp"
#include "engine/search_config.hpp"
#include "engine/repair_queue.hpp"
#include "engine/strategy_selector.hpp"
#include "operators/registry.hpp"
#include "fitness/task.hpp"
#include "operators/operator.hpp"

namespace kevo::engine {

struct IslandSetup {
  int id = 0;
  const fitness::Task* task = nullptr;
  SearchConfig search;
  MigrationConfig migration;
  std::uint64_t seed = 1;
  const StrategySetup* strategy = nullptr;  // required when search.operators lists "strategy"
  operators::OperatorServices services;     // LLM endpoints, for llm_* operators
};

// What the island shares with its archipelago.
struct IslandLinks {
  EvaluationService& service;
  Transport& transport;
  BudgetLedger& ledger;
  RunStore& store;
};

struct GenerationReport {
  int generation = 0;
  int evaluated = 0;      // fresh evaluations run
  int reused = 0;         // archive/session hits (migrants seen before)
  int migrants_in = 0;
  int migrants_out = 0;
  bool progressed = false;  // something fresh was measured, or the population changed
};

class Island {
 public:
  Island(IslandSetup setup, IslandLinks links);

  // Restores the committed state of this island, or evaluates the task's seeds
  // and commits generation 0. Throws when the baseline seed itself fails.
  void start();
  GenerationReport step();

  const Individual& best() const { return population_.front(); }
  const std::vector<Individual>& population() const { return population_; }
  double baseline_seconds() const { return baseline_seconds_; }
  int generation() const { return generation_; }
  int id() const { return setup_.id; }
  std::string state_key() const;
  // What this island's strategy bandit learned (empty without the strategy operator).
  std::vector<operators::bandit::LearnedArm> learned_strategies() const;

 private:
  std::vector<population::Variant> propose(int count, int& duplicates);
  std::vector<population::Variant> propose_repairs();
  enum class Draw { added, duplicate, no_move, given_up };
  // `attempt` counts the duplicates already drawn for this child: strategy
  // children compose one more strategy move per kAttemptsPerExtraMove of them.
  Draw draw_child(std::vector<population::Variant>& out, std::set<std::string>& seen, int attempt);
  static Draw once_for_llm(Draw draw, const operators::Operator& op);
  Draw accept(std::vector<population::Variant>& drawn, std::vector<population::Variant>& out,
              std::set<std::string>& seen);
  Draw draw_strategy_child(operators::Operator& mutator, operators::OperatorContext& context,
                           std::vector<population::Variant>& out, std::set<std::string>& seen, int moves);
  std::string uniform_strategy(const population::Variant& variant);  // "" when its family declares none
  std::vector<operators::Parent> pick_parents(int arity);
  const Individual& tournament();
  enum class Admission { required, within_budget };
  std::vector<Individual> measure(std::vector<population::Variant> candidates, Admission admission,
                                  GenerationReport& report);
  std::vector<Individual> measure_seeds();
  const Individual& baseline_of(const std::vector<Individual>& seeds) const;
  // Merges candidates into the population; true when its membership changed.
  bool admit(const std::vector<Individual>& candidates);
  int send_migrants();
  void commit(const std::vector<Individual>& measured);
  void restore(const nlohmann::json& state);

  IslandSetup setup_;
  IslandLinks links_;
  std::mt19937_64 rng_;
  std::vector<std::unique_ptr<operators::Operator>> mutators_;   // arity 1
  std::unique_ptr<operators::Operator> crossover_;               // arity 2, may be null
  std::unique_ptr<operators::Operator> sampler_;                 // arity 0 (random search)
  std::optional<StrategySelector> selector_;                     // with the strategy operator
  std::unique_ptr<operators::Operator> repair_;                  // with LLM endpoints and repair_rounds > 0
  std::optional<RepairQueue> repairs_;
  std::vector<Individual> population_;  // fittest first
  std::string baseline_id_;
  double baseline_seconds_ = 0;
  int generation_ = 0;
};

}  // namespace kevo::engine
