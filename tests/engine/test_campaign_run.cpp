// A small campaign end to end on the CPU back end, per search method.
#include <chrono>
#include <fstream>

#include "catch_compat.hpp"
#include "engine/campaign/task_summary.hpp"
#include "engine/run_store.hpp"
#include "engine_fixture.hpp"

using namespace kevo;

TEST_CASE("a small campaign runs end to end and writes its run directory", "[campaign][slow]") {
  test::TempFolder root;
  const auto config = test::small_campaign(root.path(), "e2e");
  const auto outcome = test::run_quietly(config);

  REQUIRE(outcome.tasks.size() == 1);
  const auto& result = outcome.tasks.front().result;
  CHECK_FALSE(outcome.interrupted);
  CHECK(result.counters.evaluations == 12);  // the budget, exactly
  CHECK(result.best.speedup > 0);
  CHECK(result.best.evaluation.ok());
  for (const auto* file : {"config.yaml", "archive.sqlite", "report.md", "best/engine_axpy.cpp", "best/engine_axpy.json"})
    CHECK(std::filesystem::exists(config.run_dir / file));

  std::ifstream best(config.run_dir / "best/engine_axpy.cpp");
  std::string first_line;
  std::getline(best, first_line);
  CHECK(first_line.find("x over the seed") != std::string::npos);

  engine::RunStore store(config.run_dir / "archive.sqlite");
  const auto summary = engine::task_summary_from_json(*store.state(engine::task_summary_key("engine_axpy")));
  CHECK(summary.done);
  CHECK(summary.best_id == result.best.id);
  CHECK(store.with_archive([](auto& a) { return a.evaluation_count(); }) == 12);

  // Every evaluation ran its checks, timing, reference and verdicts on the host: each phase took time.
  const auto& cost = summary.counters.cost;
  CHECK(cost.inputs_seconds > 0);
  CHECK(cost.reference_seconds > 0);
  CHECK(cost.check_runs_seconds > 0);
  CHECK(cost.timing_runs_seconds > 0);
  CHECK(cost.verify_seconds > 0);
  CHECK(summary.counters.compile_seconds > 0);
  const std::string report = test::read_file(config.run_dir / "report.md");
  CHECK(report.find("## Where the evaluation time went") != std::string::npos);
  CHECK(report.find("| engine_axpy | ") != std::string::npos);
}

TEST_CASE("every search method spends exactly the same evaluation budget", "[campaign][slow]") {
  test::TempFolder root;
  for (auto method : {engine::SearchMethod::evolutionary, engine::SearchMethod::greedy, engine::SearchMethod::random}) {
    auto config = test::small_campaign(root.path(), "budget-" + engine::to_string(method));
    config.search.method = method;
    config.budget.evaluations = 10;
    const auto outcome = test::run_quietly(config);
    INFO("method " << engine::to_string(method));
    REQUIRE(outcome.tasks.size() == 1);
    CHECK(outcome.tasks.front().result.counters.evaluations == 10);
    CHECK(outcome.tasks.front().result.best.speedup > 0);
  }
}

TEST_CASE("a search that has tried its whole space stops, though known migrants keep circulating",
          "[campaign][slow]") {
  test::TempFolder root;
  auto config = test::small_campaign(root.path(), "exhausted");
  config.migration.interval = 1;  // a known migrant arrives every generation
  config.migration.size = 2;
  config.budget.evaluations = 10'000;  // far beyond engine_axpy's knob space
  const auto started = std::chrono::steady_clock::now();
  const auto result = test::run_quietly(config).tasks.front().result;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK(result.counters.evaluations < 200);
  CHECK(result.migrants_received > 0);
  CHECK(seconds < 120);
}

TEST_CASE("migration moves variants between islands", "[campaign][slow]") {
  test::TempFolder root;
  auto config = test::small_campaign(root.path(), "migration");
  config.migration.interval = 1;
  config.migration.size = 2;
  config.migration.topology = engine::Topology::fully_connected;
  config.budget.evaluations = 30;
  const auto result = test::run_quietly(config).tasks.front().result;
  CHECK(result.migrants_sent > 0);
  REQUIRE(result.migrants_received > 0);
  // A migrant arrives already measured on this (shared) device: it is reused, not re-run.
  CHECK(result.counters.archive_hits >= result.migrants_received);

  auto isolated = test::small_campaign(root.path(), "isolated");
  isolated.migration.enabled = false;
  const auto alone = test::run_quietly(isolated).tasks.front().result;
  CHECK(alone.migrants_sent == 0);
  CHECK(alone.migrants_received == 0);
}

TEST_CASE("a finished run is never overwritten, and resuming it does no new work", "[campaign][slow]") {
  test::TempFolder root;
  const auto config = test::small_campaign(root.path(), "twice");
  test::run_quietly(config);
  CHECK_THROWS_WITH(test::run_quietly(config), KEVO_CONTAINS("kevo resume"));
  const auto resumed = test::run_quietly(config, engine::RunMode::resume);
  CHECK(resumed.tasks.empty());  // the task is done: skipped
  engine::RunStore store(config.run_dir / "archive.sqlite");
  CHECK(store.with_archive([](auto& a) { return a.evaluation_count(); }) == 12);
}

TEST_CASE("a HIP device with no AMD GPU behind it stops the campaign with one line naming it, and the run can start again", "[campaign][slow]") {
  test::TempFolder root;
  auto config = test::small_campaign(root.path(), "amd");
  config.devices = {"hip:0"};
  // Without an AMD GPU: "hip:0: no AMD GPU ..." (or "no ROCm HIP runtime" where
  // ROCm is absent); with one, this CPU task has no seed it can run.
  CHECK_THROWS_WITH(test::run_quietly(config), KEVO_CONTAINS("hip:0"));
  // Nothing was committed, so the same run may start afresh on another device.
  config.devices = {"cpu"};
  CHECK(test::run_quietly(config).tasks.size() == 1);
}
