// CpuEvaluator end to end on the small vadd task.
#include "catch_compat.hpp"
#include "cpu_test_support.hpp"
#include "fitness/evaluator.hpp"

using namespace kevo;
using population::EvalStatus;

TEST_CASE("cpu evaluator: a correct kernel is ok, timed, with rates and compile facts",
          "[cpu][evaluator]") {
  test::TempDir dir;
  const auto task = test::vadd_task();
  auto protocol = test::quick_protocol();
  protocol.flush_cache = true;  // once, to run the real flush path
  const auto evaluator = fitness::make_cpu_evaluator(test::test_context(dir), task, protocol);
  CHECK(evaluator->device_id().rfind("cpu:", 0) == 0);
  CHECK(evaluator->device_id().find(' ') == std::string::npos);

  const auto seed = task.seed_variant(task.seeds.front());
  const auto first = evaluator->evaluate({seed});
  REQUIRE(first.size() == 1);
  const auto& evaluation = first[0];
  INFO(evaluation.error);
  REQUIRE(evaluation.status == EvalStatus::ok);
  CHECK(evaluation.variant_id == seed.content_hash());
  CHECK(evaluation.device_id == evaluator->device_id());
  REQUIRE(evaluation.timings.size() == 1);
  CHECK(evaluation.timings[0].size_label == task.bench.label());
  CHECK(evaluation.timings[0].samples.size() == 3);
  CHECK(evaluation.timings[0].retimes <= 1);
  CHECK(evaluation.bench_seconds().value() > 0);
  CHECK(evaluation.flops_per_second == Approx(2 * 4096 / evaluation.timings[0].median_seconds));
  CHECK(evaluation.bytes_per_second == Approx(12 * 4096 / evaluation.timings[0].median_seconds));
  CHECK(evaluation.compile_seconds > 0);
  CHECK_FALSE(evaluation.compile_cache_hit);
  CHECK(evaluation.max_abs_error <= 1e-6);

  // Again: a compile cache hit, and the same inputs give the same errors.
  const auto second = evaluator->evaluate({seed});
  REQUIRE(second[0].status == EvalStatus::ok);
  CHECK(second[0].compile_cache_hit);
  CHECK(second[0].max_abs_error == evaluation.max_abs_error);
  CHECK(second[0].norm_rel_error == evaluation.norm_rel_error);
}

TEST_CASE("cpu evaluator: inputs depend on the protocol seed, replayably", "[cpu][evaluator]") {
  test::TempDir dir;
  const auto task = test::vadd_task();
  // A kernel that is off by a data-dependent amount: its error measures the inputs.
  const auto variant = test::with_source(task,
      "void vadd(const float* x, const float* y, float* z, int64_t n) {\n"
      "  for (int64_t i = 0; i < n; ++i) z[i] = x[i] * 1.0001f + 2.0f * y[i];\n}\n");
  auto errors_with_seed = [&](std::uint64_t seed) {
    auto protocol = test::quick_protocol();
    protocol.seed = seed;
    const auto evaluator = fitness::make_cpu_evaluator(test::test_context(dir), task, protocol);
    const auto result = evaluator->evaluate({variant});
    REQUIRE(result[0].status == EvalStatus::wrong_result);
    return result[0].error;
  };
  const std::string a = errors_with_seed(1);
  CHECK(errors_with_seed(1) == a);
  CHECK(errors_with_seed(2) != a);
}

TEST_CASE("cpu evaluator: screening rejects before compiling", "[cpu][evaluator]") {
  test::TempDir dir;
  const auto task = test::vadd_task();
  const auto evaluator =
      fitness::make_cpu_evaluator(test::test_context(dir), task, test::quick_protocol());
  auto cuda = task.seed_variant(task.seeds.front());
  cuda.language = population::Language::cuda;
  auto unknown_seed = task.seed_variant(task.seeds.front());
  unknown_seed.seed_name = "nope";
  auto bad_plan = task.seed_variant(task.seeds.front());
  bad_plan.launch.steps[0].args[3] = "M + 1";
  auto huge_scratch = task.seed_variant(task.seeds.front());
  huge_scratch.launch.scratch.push_back({"tmp", "N * 1000000000"});

  const auto results = evaluator->evaluate({cuda, unknown_seed, bad_plan, huge_scratch});
  for (const auto& evaluation : results) {
    INFO(evaluation.error);
    CHECK(evaluation.status == EvalStatus::rejected);
  }
  CHECK_THAT(results[0].error, KEVO_CONTAINS("language cpp only"));
  CHECK_THAT(results[1].error, KEVO_CONTAINS("has no seed 'nope'"));
  CHECK_THAT(results[2].error, KEVO_CONTAINS("launch step 0 (vadd) arg 3: 'M + 1'"));
  CHECK_THAT(results[2].error, KEVO_CONTAINS("at size N=37"));
  CHECK_THAT(results[3].error, KEVO_CONTAINS("scratch buffer tmp"));
}

TEST_CASE("cpu evaluator: a reference that does not compile is a task error", "[cpu][evaluator]") {
  test::TempDir dir;
  auto task = test::vadd_task();
  task.reference_source = "void reference(const float* x) { return 1; }\n";
  CHECK_THROWS_WITH(
      fitness::make_cpu_evaluator(test::test_context(dir), task, test::quick_protocol()),
      KEVO_CONTAINS("reference.cpp: the reference of task 'vadd' does not compile:") &&
          KEVO_CONTAINS("reference.cpp:1:"));
}

TEST_CASE("cpu evaluator: locate_worker_executable honours KEVO_WORKER", "[cpu][evaluator]") {
  ::setenv("KEVO_WORKER", KEVO_WORKER_PATH, 1);
  CHECK(fitness::locate_worker_executable() == std::filesystem::path(KEVO_WORKER_PATH));
  ::setenv("KEVO_WORKER", "/nonexistent/kevo-worker", 1);
  CHECK_THROWS_WITH(fitness::locate_worker_executable(), KEVO_CONTAINS("KEVO_WORKER="));
  ::unsetenv("KEVO_WORKER");
}
