#include "catch_compat.hpp"
#include "engine/campaign/campaign_config.hpp"

using kevo::engine::ConfigError;
using kevo::engine::parse_campaign;

namespace {

std::string error_of(const std::string& yaml) {
  try {
    parse_campaign(yaml, "camp.yaml");
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("campaign defaults are filled in and round-trip through YAML", "[campaign]") {
  const auto config = parse_campaign("name: c1\ntasks: [matmul, triad]\n", "camp.yaml");
  CHECK(config.run_dir == "runs/c1");
  CHECK(config.tasks.size() == 2);
  CHECK(config.budget.evaluations == 100);
  CHECK(config.search.method == kevo::engine::SearchMethod::evolutionary);
  const auto again = parse_campaign(kevo::engine::to_yaml(config), "again.yaml");
  CHECK(again.name == config.name);
  CHECK(again.islands == config.islands);
  CHECK(again.search.operators == config.search.operators);
  CHECK(again.protocol.samples == config.protocol.samples);
  CHECK(again.migration.topology == config.migration.topology);
  CHECK(config.protocol.counters == kevo::fitness::CounterPolicy::best);
  const auto all = parse_campaign("name: c1\ntasks: [a]\nevaluation: {counters: all}\n", "camp.yaml");
  CHECK(all.protocol.counters == kevo::fitness::CounterPolicy::all);
  CHECK(parse_campaign(kevo::engine::to_yaml(all), "again.yaml").protocol.counters == kevo::fitness::CounterPolicy::all);
}

TEST_CASE("the printed defaults are a valid campaign", "[campaign]") {
  CHECK_NOTHROW(parse_campaign(kevo::engine::default_campaign_yaml(), "defaults.yaml"));
}

TEST_CASE("bad campaigns are rejected with file, position, key and fix", "[campaign]") {
  const auto unknown = error_of("name: c\ntasks: [a]\nsearch:\n  methd: greedy\n");
  CHECK(unknown.find("camp.yaml:4:3") != std::string::npos);
  CHECK(unknown.find("search.methd") != std::string::npos);
  CHECK(unknown.find("known keys are") != std::string::npos);

  const auto method = error_of("name: c\ntasks: [a]\nsearch: {method: annealing}\n");
  CHECK(method.find("search.method") != std::string::npos);
  CHECK(method.find("greedy") != std::string::npos);

  CHECK(error_of("tasks: [a]\n").find("'name'") != std::string::npos);
  CHECK(error_of("name: c\n").find("'tasks'") != std::string::npos);
  CHECK(error_of("name: c\ntasks: [a]\nbudget: {evaluations: 0}\n").find("no limit") != std::string::npos);
  CHECK(error_of("name: c\ntasks: [a]\nsearch: {islands: zero}\n").find("wrong type") != std::string::npos);
  CHECK(error_of("name: c\ntasks: [a]\nsearch: {islands: -1}\n").find("positive") != std::string::npos);
  CHECK(error_of("name: c\ntasks: [a]\ndevices: [gpu7]\n").find("gpu7") != std::string::npos);
  CHECK(error_of("name: [unclosed\n").find("malformed YAML") != std::string::npos);
  const auto counters = error_of("name: c\ntasks: [a]\nevaluation: {counters: sometimes}\n");
  CHECK(counters.find("evaluation.counters") != std::string::npos);
  CHECK(counters.find("off, best or all") != std::string::npos);
}
