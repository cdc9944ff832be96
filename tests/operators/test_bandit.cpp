// The strategy bandit on a synthetic problem with known best arms per
// context: the learning policies must concentrate on them and pay far less
// regret than the uniform baseline; priors carry evidence between campaigns.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>

#include "catch_compat.hpp"
#include "operators/bandit/hierarchical_bandit.hpp"
#include "operators/random_draw.hpp"
#include "operators/strategy/strategy_catalogue.hpp"

using namespace kevo::operators;
using bandit::BanditContext;
using bandit::HierarchicalBandit;
using bandit::PolicyConfig;
using bandit::PolicyKind;

namespace {

strategy::StrategyCatalogue synthetic_catalogue() {
  std::vector<strategy::StrategyFamily> families;
  for (const std::string family : {"memory", "parallelism", "compute"}) {
    strategy::StrategyFamily f{family, family + " strategies", {}};
    for (int s = 0; s < 3; ++s) f.strategies.push_back({family + "_" + std::to_string(s), family, "synthetic"});
    families.push_back(f);
  }
  return strategy::StrategyCatalogue::from_families(families);
}

// Chance that a strategy improves the parent, per context: one clear winner each.
double success_chance(const BanditContext& context, const std::string& strategy) {
  const std::string best = context.bound == "memory" ? "memory_1" : "compute_2";
  return strategy == best ? 0.8 : 0.15;
}

// Regret over `rounds` choices alternating between two contexts.
double run_regret(PolicyKind kind, std::uint64_t seed, int rounds, HierarchicalBandit* out = nullptr) {
  PolicyConfig config;
  config.kind = kind;
  HierarchicalBandit learner(synthetic_catalogue(), config);
  std::mt19937_64 rng(seed);
  const BanditContext contexts[] = {{"h100_sxm", "memory"}, {"h100_sxm", "compute"}};
  double regret = 0;
  for (int round = 0; round < rounds; ++round) {
    const BanditContext& context = contexts[round % 2];
    const bandit::StrategyChoice choice = learner.choose(context, rng);
    const double chance = success_chance(context, choice.strategy);
    regret += 0.8 - chance;
    learner.record(context, choice, draw_chance(rng, chance) ? 1.0 : 0.0);
  }
  if (out != nullptr) *out = learner;
  return regret;
}

}  // namespace

TEST_CASE("bandit: ucb and thompson find the best strategy per context with far less regret than uniform",
          "[bandit]") {
  const int rounds = 2000;
  std::map<PolicyKind, double> regret;
  for (PolicyKind kind : {PolicyKind::ucb, PolicyKind::thompson, PolicyKind::uniform}) {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) regret[kind] += run_regret(kind, seed, rounds) / 5;
  }
  INFO("mean regret over 5 seeds: ucb " << regret[PolicyKind::ucb] << ", thompson " << regret[PolicyKind::thompson]
                                        << ", uniform " << regret[PolicyKind::uniform]);
  // Uniform pays (0.8 - 0.15) for 8 of every 9 choices: about 1156 over 2000 rounds.
  CHECK(regret[PolicyKind::uniform] > 1000);
  CHECK(regret[PolicyKind::ucb] < 0.5 * regret[PolicyKind::uniform]);
  CHECK(regret[PolicyKind::thompson] < 0.25 * regret[PolicyKind::uniform]);
}

TEST_CASE("bandit: learned statistics concentrate on each context's best arm", "[bandit]") {
  HierarchicalBandit learner(synthetic_catalogue(), {});
  run_regret(PolicyKind::thompson, 7, 2000, &learner);
  std::map<std::string, double> memory_tries, compute_tries;
  for (const auto& row : learner.statistics()) {
    (row.context.bound == "memory" ? memory_tries : compute_tries)[row.strategy] = row.statistics.tries;
  }
  CHECK(memory_tries["memory_1"] > 600);  // of 1000 memory-context rounds
  CHECK(compute_tries["compute_2"] > 600);
}

TEST_CASE("bandit: a prior from an earlier campaign is decayed and steers the first choices", "[bandit]") {
  HierarchicalBandit earlier(synthetic_catalogue(), {});
  run_regret(PolicyKind::ucb, 3, 2000, &earlier);
  const auto learned = earlier.statistics();

  HierarchicalBandit later(synthetic_catalogue(), {});
  later.add_prior(learned, 0.5);
  const auto decayed = later.statistics();
  REQUIRE(decayed.size() == learned.size());
  for (std::size_t i = 0; i < learned.size(); ++i) {
    CHECK(decayed[i].statistics.tries == Approx(learned[i].statistics.tries * 0.5));
    CHECK(decayed[i].statistics.mean() == Approx(learned[i].statistics.mean()));
  }
  // With the prior, the first choices already favour each context's best
  // arm; a fresh bandit still spreads them over all nine.
  auto best_picks = [](const HierarchicalBandit& bandit) {
    std::mt19937_64 rng(11);
    int picks = 0;
    for (int i = 0; i < 100; ++i) picks += bandit.choose({"h100_sxm", "memory"}, rng).strategy == "memory_1";
    return picks;
  };
  PolicyConfig thompson;
  thompson.kind = PolicyKind::thompson;
  HierarchicalBandit primed(synthetic_catalogue(), thompson), fresh(synthetic_catalogue(), thompson);
  primed.add_prior(learned, 0.5);
  CHECK(best_picks(primed) > 60);
  CHECK(best_picks(fresh) < 30);

  HierarchicalBandit forgetful(synthetic_catalogue(), {});
  forgetful.add_prior(learned, 0.0);
  for (const auto& row : forgetful.statistics()) CHECK(row.statistics.tries == 0);
  CHECK_THROWS(forgetful.add_prior(learned, 1.5));

  // Evidence for strategies the catalogue no longer lists is dropped.
  HierarchicalBandit other(synthetic_catalogue(), {});
  other.add_prior({{{"h100_sxm", "memory"}, "memory", "retired_strategy", {10, 9, 9}}}, 1.0);
  CHECK(other.statistics().empty());
}

TEST_CASE("bandit: rewards are log2 speedups clipped to [0, 1]", "[bandit]") {
  CHECK(bandit::improvement_reward(2.0, 1.0, true) == Approx(1.0));
  CHECK(bandit::improvement_reward(8.0, 1.0, true) == Approx(1.0));
  CHECK(bandit::improvement_reward(std::sqrt(2.0), 1.0, true) == Approx(0.5));
  CHECK(bandit::improvement_reward(1.0, 2.0, true) == 0);
  CHECK(bandit::improvement_reward(2.0, 1.0, false) == 0);
  HierarchicalBandit learner(synthetic_catalogue(), {});
  CHECK_THROWS(learner.record({"h100_sxm", "memory"}, {"compute", "memory_1"}, 1.0));
  CHECK(bandit::policy_kind_from_string("thompson") == PolicyKind::thompson);
  CHECK_THROWS(bandit::policy_kind_from_string("greedy"));
}

TEST_CASE("strategy catalogue: the shipped catalogue loads and bad ones are refused", "[bandit]") {
  const auto catalogue =
      strategy::StrategyCatalogue::load(std::filesystem::path(KEVO_SOURCE_DIR) / "configs" / "strategies.yaml");
  CHECK(catalogue.families().size() == 4);
  REQUIRE(catalogue.find("tensor_cores") != nullptr);
  CHECK(catalogue.find("tensor_cores")->family == "compute");
  CHECK_FALSE(catalogue.find("tensor_cores")->description.empty());

  const auto dir = std::filesystem::temp_directory_path() / "kevo-catalogue-test";
  std::filesystem::create_directories(dir);
  auto refused = [&](const std::string& yaml) {
    std::ofstream(dir / "strategies.yaml") << yaml;
    try {
      strategy::StrategyCatalogue::load(dir / "strategies.yaml");
    } catch (const strategy::CatalogueError& error) {
      return std::string(error.what());
    }
    return std::string("(accepted)");
  };
  CHECK_THAT(refused("families:\n  - {name: m, description: d, strategies: [{name: a, description: x}, "
                     "{name: a, description: y}]}\n"),
             KEVO_CONTAINS("strategy 'a' is named twice"));
  CHECK_THAT(refused("families:\n  - {name: m, description: d, colour: red, strategies: [{name: a, description: x}]}\n"),
             KEVO_CONTAINS("key 'families[0].colour': unknown key"));
  CHECK_THAT(refused("families:\n  - {name: m, description: d, strategies: []}\n"),
             KEVO_CONTAINS("key 'families[0].strategies': expected a non-empty list"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("bandit: a batch of choices made before any reward spreads over the arms", "[bandit]") {
  // An island draws a generation's children before any of them is measured.
  // Counting those in-flight choices, a fresh UCB bandit must try all nine
  // arms in its first nine choices rather than give all to one.
  HierarchicalBandit learner(synthetic_catalogue(), {});
  std::mt19937_64 rng(5);
  std::map<std::string, double> in_flight;
  for (int i = 0; i < 9; ++i) {
    const auto choice = learner.choose({"h100_sxm", "memory"}, {"memory_0", "memory_1", "memory_2", "parallelism_0",
                                                                 "parallelism_1", "parallelism_2", "compute_0",
                                                                 "compute_1", "compute_2"},
                                       rng, in_flight);
    in_flight[choice.strategy] += 1;
  }
  CHECK(in_flight.size() == 9);

  // Untried arms come in random order, not catalogue order.
  std::set<std::string> first_choices;
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    std::mt19937_64 fresh(seed);
    first_choices.insert(learner.choose({"h100_sxm", "compute"}, fresh).strategy);
  }
  CHECK(first_choices.size() >= 3);
}

TEST_CASE("bandit: a finer bound starts from its coarse class's evidence, never another class's or device's",
          "[bandit]") {
  PolicyConfig thompson;
  thompson.kind = PolicyKind::thompson;
  HierarchicalBandit bandit(synthetic_catalogue(), thompson);
  // Evidence under the coarse bound, as an earlier campaign without counters left it.
  for (int i = 0; i < 20; ++i) {
    bandit.record({"h100_sxm", "memory"}, {"memory", "memory_1"}, 1.0);
    bandit.record({"h100_sxm", "memory"}, {"compute", "compute_2"}, 0.0);
  }
  auto picks_of_memory_1 = [&](const BanditContext& context) {
    std::mt19937_64 rng(5);
    int picks = 0;
    for (int i = 0; i < 100; ++i) picks += bandit.choose(context, rng).strategy == "memory_1";
    return picks;
  };
  const int finer = picks_of_memory_1({"h100_sxm", "memory/dram-bandwidth"});
  CHECK(finer > 60);
  CHECK(picks_of_memory_1({"h100_sxm", "compute/sm-throughput"}) < 30);
  CHECK(picks_of_memory_1({"a100_sxm", "memory/dram-bandwidth"}) < 30);
  CHECK(bandit.statistics().size() == 2);  // nothing is written under the contexts that borrowed

  // The exact context's own evidence weighs more than what it borrows.
  for (int i = 0; i < 10; ++i) bandit.record({"h100_sxm", "memory/dram-bandwidth"}, {"memory", "memory_1"}, 0.0);
  CHECK(picks_of_memory_1({"h100_sxm", "memory/dram-bandwidth"}) < finer - 30);
}
