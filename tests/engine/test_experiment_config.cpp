#include "catch_compat.hpp"
#include "engine/experiment/experiment_config.hpp"

using kevo::engine::ConfigError;
using kevo::engine::parse_experiment;

namespace {

const std::string kExperiment = R"(name: exp
run_dir: /tmp/kevo-exp-test
tasks: [triad, row_reduce]
seeds: [1, 2, 3]
target_speedup: 1.5
campaign:
  devices: [cpu]
  budget: {evaluations: 20}
  search: {population: 5, operators: [knob_mutation]}
arms:
  - name: greedy
    search: {method: greedy, islands: 1}
  - name: evo-4
    search: {islands: 4}
  - name: evo-4-isolated
    search: {islands: 4}
    migration: {enabled: false}
  - name: bandit
    search: {operators: [strategy]}
    bandit: {policy: thompson}
)";

std::string error_of(const std::string& yaml) {
  try {
    parse_experiment(yaml, "exp.yaml");
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "";
}

std::string replaced(const std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.substr(0, at) + to + text.substr(at + from.size());
}

}  // namespace

TEST_CASE("an experiment's arms are campaigns: shared keys plus the arm's overrides", "[experiment]") {
  const auto e = parse_experiment(kExperiment, "exp.yaml");
  REQUIRE(e.arms.size() == 4);
  CHECK(e.baseline_arm == "greedy");
  CHECK(e.evaluation_budget == 20);
  CHECK(e.milestones.size() == 20);  // every evaluation by default
  CHECK(e.milestones.front() == 1);
  CHECK(e.milestones.back() == 20);
  CHECK(e.arms[0].traits.method == "greedy");
  CHECK(e.arms[0].traits.islands == 1);
  CHECK_FALSE(e.arms[0].traits.migration);  // one island: nothing to migrate between
  CHECK(e.arms[1].traits.method == "evolutionary");
  CHECK(e.arms[1].traits.migration);
  CHECK_FALSE(e.arms[2].traits.migration);
  CHECK(e.arms[3].traits.strategy_choice == "thompson");
  CHECK(e.arms[1].traits.strategy_choice == "-");

  const auto cell = kevo::engine::cell_campaign(e, e.arms[0], "row_reduce", 2, "cpu");
  CHECK(cell.run_dir == "/tmp/kevo-exp-test/runs/greedy/row_reduce/seed-2");
  CHECK(cell.tasks == std::vector<std::string>{"row_reduce"});
  CHECK(cell.seed == 2);
  CHECK(cell.search.method == kevo::engine::SearchMethod::greedy);
  CHECK(cell.search.population_size == 5);  // from the shared section: maps merge key by key
  CHECK(cell.search.operators == std::vector<std::string>{"knob_mutation"});
  CHECK(cell.cache_dir == "/tmp/kevo-exp-test/.cache/greedy");  // one compile cache per arm
  CHECK(cell.bandit.memory == "/tmp/kevo-exp-test/runs/greedy/row_reduce/seed-2/hardware_memory.json");
}

TEST_CASE("an experiment refuses unequal budgets, cell keys and unknown keys, naming where", "[experiment]") {
  CHECK_THAT(error_of(replaced(kExperiment, "    bandit: {policy: thompson}", "    budget: {evaluations: 30}")),
             KEVO_CONTAINS("arm 'bandit' spends 30 evaluations, arm 'greedy' 20"));
  CHECK_THAT(error_of(replaced(kExperiment, "  devices: [cpu]", "  devices: [cpu]\n  tasks: [triad]")),
             KEVO_CONTAINS("key 'campaign.tasks': is set by the experiment"));
  CHECK_THAT(error_of(replaced(kExperiment, "{method: greedy, islands: 1}", "{metod: greedy}")),
             KEVO_CONTAINS("arm 'greedy'"));
  CHECK_THAT(error_of(replaced(kExperiment, "{method: greedy, islands: 1}", "{metod: greedy}")),
             KEVO_CONTAINS("key 'search.metod': unknown key"));
  CHECK_THAT(error_of(replaced(kExperiment, "  - name: evo-4\n", "  - name: ..\n")),
             KEVO_CONTAINS("'..' is not usable as a folder name"));
  CHECK_THAT(error_of(replaced(kExperiment, "  - name: evo-4\n", "  - name: greedy\n")),
             KEVO_CONTAINS("'greedy' is used twice"));
  CHECK_THAT(error_of(replaced(kExperiment, "target_speedup: 1.5", "milestones: [5, 40]")),
             KEVO_CONTAINS("key 'milestones': must rise from 1 to at most the budget (20)"));
  CHECK_THAT(error_of(replaced(kExperiment, "target_speedup: 1.5", "baseline_arm: random")),
             KEVO_CONTAINS("'random' is not an arm"));
  CHECK_THAT(error_of(replaced(kExperiment, "seeds: [1, 2, 3]\n", "")),
             KEVO_CONTAINS("key 'seeds': is missing"));
  CHECK_THAT(error_of(replaced(kExperiment, "  budget: {evaluations: 20}", "  budget: {evaluations: 0, wall_seconds: 20}")),
             KEVO_CONTAINS("has no evaluation budget"));
}
