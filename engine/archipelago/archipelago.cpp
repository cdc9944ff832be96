#include "engine/archipelago/archipelago.hpp"

#include "operators/bandit/bandit_memory.hpp"

#include <algorithm>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "engine/archipelago/transport.hpp"
#include "engine/island.hpp"

namespace kevo::engine {

std::uint64_t island_seed(std::uint64_t campaign_seed, const std::string& task, int island) {
  // splitmix64 over the campaign seed, an FNV-1a hash of the task name and the island index.
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : task) h = (h ^ c) * 1099511628211ULL;
  std::uint64_t x = campaign_seed ^ h ^ (static_cast<std::uint64_t>(island) * 0x9E3779B97F4A7C15ULL);
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

Archipelago::Archipelago(const fitness::Task& task, ArchipelagoConfig config, EvaluationService& service,
                         RunStore& store, BudgetLedger& ledger, Progress& progress,
                         const std::atomic<bool>& stop)
    : task_(task), config_(std::move(config)), service_(service), store_(store), ledger_(ledger),
      progress_(progress), stop_(stop) {}

ArchipelagoResult Archipelago::run() {
  auto transport = config_.transport ? config_.transport() : make_in_process_transport(config_.islands);
  std::vector<std::unique_ptr<Island>> islands;
  for (int i = config_.first_island; i < config_.first_island + config_.islands; ++i) {
    IslandSetup setup{i, &task_, config_.search, config_.migration, island_seed(config_.seed, task_.name, i),
                      config_.strategy, config_.services};
    islands.push_back(std::make_unique<Island>(setup, IslandLinks{service_, *transport, ledger_, store_}));
  }

  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex result_mutex;
  ArchipelagoResult result;
  double best_speedup = 0;   // across islands, for the progress line
  int furthest_generation = 0;
  auto should_stop = [&] { return stop_.load() || failed.load() || ledger_.exhausted(); };

  // Islands start one after the other: the first measures the seeds, the
  // others find them measured on this device, so the baseline is shared.
  for (auto& island : islands) island->start();

  auto run_island = [&](Island& island) {
    try {
      int idle = 0;
      while (!should_stop() && idle < config_.idle_generations_limit) {
        const auto report = island.step();
        idle = report.progressed ? 0 : idle + 1;
        std::lock_guard lock(result_mutex);
        result.migrants_sent += report.migrants_out;
        result.migrants_received += report.migrants_in;
        best_speedup = std::max(best_speedup, island.best().speedup);
        furthest_generation = std::max(furthest_generation, island.generation());
        progress_.update({task_.name, island.id(), furthest_generation, ledger_.counters(), ledger_.budget(),
                          best_speedup, ledger_.elapsed_seconds()});
      }
    } catch (...) {
      std::lock_guard lock(result_mutex);
      if (!first_error) first_error = std::current_exception();
      failed = true;
    }
  };

  std::vector<std::thread> threads;
  for (auto& island : islands) threads.emplace_back(run_island, std::ref(*island));
  for (auto& thread : threads) thread.join();
  if (first_error) std::rethrow_exception(first_error);

  for (const auto& island : islands) {
    result.generations.push_back(island->generation());
    result.learned_strategies = operators::bandit::merge_arms(result.learned_strategies, island->learned_strategies());
    if (result.best.id.empty() || fitter(island->best(), result.best)) result.best = island->best();
  }
  result.baseline_seconds = islands.front()->baseline_seconds();
  result.counters = ledger_.counters();
  result.elapsed_seconds = ledger_.elapsed_seconds();
  result.interrupted = stop_.load() && !ledger_.exhausted();
  return result;
}

}  // namespace kevo::engine
