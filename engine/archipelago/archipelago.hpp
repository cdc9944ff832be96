#pragma once
// Archipelago: the islands of one task, each on its own thread, trading their
// best variants through a Transport. There is no barrier between islands: a
// slow island never holds a fast one back.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "engine/archipelago/transport.hpp"
#include "engine/budget.hpp"
#include "engine/evaluation_service.hpp"
#include "engine/individual.hpp"
#include "engine/progress.hpp"
#include "engine/run_store.hpp"
#include "engine/search_config.hpp"
#include "engine/strategy_selector.hpp"
#include "fitness/task.hpp"
#include "operators/registry.hpp"

namespace kevo::engine {

struct ArchipelagoConfig {
  int islands = 2;                 // run here, by this process
  int first_island = 0;            // campaign-wide id of the first (ranks run consecutive ids)
  // How migrants travel; null: between this process's islands only.
  std::function<std::unique_ptr<Transport>()> transport;
  SearchConfig search;
  MigrationConfig migration;
  std::uint64_t seed = 1;
  int idle_generations_limit = 5;  // an island with nothing new to try for this long stops
  const StrategySetup* strategy = nullptr;  // for the strategy operator
  operators::OperatorServices services;     // for llm_* operators
};

struct ArchipelagoResult {
  Individual best;
  double baseline_seconds = 0;
  BudgetCounters counters;
  double elapsed_seconds = 0;
  std::vector<int> generations;   // per island
  int migrants_sent = 0;
  int migrants_received = 0;
  bool interrupted = false;       // stopped by a signal before the budget was spent
  std::vector<operators::bandit::LearnedArm> learned_strategies;  // all islands' own evidence
};

class Archipelago {
 public:
  Archipelago(const fitness::Task& task, ArchipelagoConfig config, EvaluationService& service,
              RunStore& store, BudgetLedger& ledger, Progress& progress, const std::atomic<bool>& stop);
  // Runs every island until the budget is spent, the islands run dry, or stop is set.
  // Rethrows the first island failure after all islands have stopped.
  ArchipelagoResult run();

 private:
  const fitness::Task& task_;
  ArchipelagoConfig config_;
  EvaluationService& service_;
  RunStore& store_;
  BudgetLedger& ledger_;
  Progress& progress_;
  const std::atomic<bool>& stop_;
};

// Island seed derived from the campaign seed, the task and the island index.
std::uint64_t island_seed(std::uint64_t campaign_seed, const std::string& task, int island);

}  // namespace kevo::engine
