// Campaigns with the strategy operator: each bandit policy runs end to end,
// children carry the strategy that made them, the report shows what the
// bandit learned, and the hardware memory file carries it to the next run.
#include <set>
#include <string>

#include "catch_compat.hpp"
#include "engine_fixture.hpp"
#include "engine/strategy_selector.hpp"
#include "operators/bandit/bandit_memory.hpp"
#include "population/archive.hpp"

namespace {

using kevo::operators::bandit::PolicyKind;

double total_tries(const std::vector<kevo::operators::bandit::LearnedArm>& arms) {
  double tries = 0;
  for (const auto& arm : arms) tries += arm.statistics.tries;
  return tries;
}

kevo::engine::CampaignConfig strategy_campaign(const kevo::test::TempFolder& root, const std::string& name,
                                               PolicyKind policy) {
  auto config = kevo::test::small_campaign(root.path(), name);
  config.search.operators = {"strategy"};
  config.bandit.policy.kind = policy;
  config.bandit.catalogue = std::filesystem::path(KEVO_SOURCE_DIR) / "configs" / "strategies.yaml";
  config.bandit.memory = root.path() / "hardware_memory.json";
  return config;
}

}  // namespace

TEST_CASE("campaigns run the strategy operator under each bandit policy and remember what they learned",
          "[campaign][slow][bandit]") {
  const std::set<std::string> declared = {"loop_unrolling", "shared_memory_tiling", "vectorized_access"};
  for (PolicyKind policy : {PolicyKind::ucb, PolicyKind::thompson, PolicyKind::uniform}) {
    INFO("policy " << kevo::operators::bandit::to_string(policy));
    kevo::test::TempFolder root;
    const auto config = strategy_campaign(root, "strategy-run", policy);
    const auto outcome = kevo::test::run_quietly(config);
    REQUIRE(outcome.tasks.size() == 1);

    int strategy_children = 0;
    kevo::population::Archive archive(config.run_dir / "archive.sqlite");
    for (const auto& variant : archive.all_variants("engine_axpy")) {
      if (variant.lineage.operator_name != "strategy") continue;
      ++strategy_children;
      CHECK(declared.count(variant.lineage.strategy) == 1);
    }
    CHECK(strategy_children > 0);

    const auto memory = kevo::operators::bandit::load_memory(config.bandit.memory);
    REQUIRE_FALSE(memory.empty());
    CHECK(total_tries(memory) >= 1);
    // Each island pays its own decisions; both islands may draw the same child.
    CHECK(total_tries(memory) <= 2 * strategy_children);
    for (const auto& arm : memory) {
      CHECK(arm.context.hardware.rfind("cpu:", 0) == 0);
      CHECK(declared.count(arm.strategy) == 1);
    }
    const std::string report = kevo::test::read_file(config.run_dir / "report.md");
    CHECK(report.find("## What the strategy bandit learned") != std::string::npos);

    // The next campaign starts from this memory and adds its own evidence to it.
    const auto next = strategy_campaign(root, "strategy-run-2", policy);
    kevo::test::run_quietly(next);
    CHECK(total_tries(kevo::operators::bandit::load_memory(config.bandit.memory)) > total_tries(memory));
  }
}

TEST_CASE("hardware names come from device ids", "[bandit]") {
  CHECK(kevo::engine::hardware_of("cuda:0:NVIDIA-H100-80GB-HBM3") == "NVIDIA-H100-80GB-HBM3");
  CHECK(kevo::engine::hardware_of("cuda:12:NVIDIA-H200") == "NVIDIA-H200");
  CHECK(kevo::engine::hardware_of("cpu:AMD-EPYC") == "cpu:AMD-EPYC");
}

TEST_CASE("a campaign with the strategy operator but a broken catalogue stops before evaluating", "[campaign][bandit]") {
  kevo::test::TempFolder root;
  auto config = strategy_campaign(root, "broken", PolicyKind::ucb);
  config.bandit.catalogue = root.path() / "missing.yaml";
  CHECK_THROWS_WITH(kevo::test::run_quietly(config), KEVO_CONTAINS("missing.yaml"));
  CHECK_FALSE(std::filesystem::exists(config.run_dir / "archive.sqlite"));
}

TEST_CASE("a strategy-only search leaves local optima and covers a small knob space before it stops",
          "[campaign][slow][bandit]") {
  // engine_axpy's one family has 4 x 7 x 2 = 56 knob settings. One strategy
  // moves one knob, so the best members' neighbourhoods run dry long before
  // that; composed moves must reach the rest, and the run must then stop on
  // its own although the budget is far from spent.
  kevo::test::TempFolder root;
  auto config = strategy_campaign(root, "strategy-cover", PolicyKind::ucb);
  config.budget.evaluations = 500;
  const auto outcome = kevo::test::run_quietly(config);
  REQUIRE(outcome.tasks.size() == 1);
  CHECK(outcome.tasks.front().result.counters.evaluations >= 50);
  CHECK(outcome.tasks.front().result.counters.evaluations <= 56);
}
