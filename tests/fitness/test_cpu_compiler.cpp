// CpuCompiler and its content-addressed cache.
#include <filesystem>

#include "catch_compat.hpp"
#include "cpu_test_support.hpp"
#include "fitness/cpu/cpu_compiler.hpp"
#include "fitness/cpu/trampoline.hpp"
#include "fitness/protocol/launch_plan_binding.hpp"

using namespace kevo;
using namespace kevo::fitness::cpu;

namespace {
CompileJob job_for(const fitness::Task& task, const std::string& source,
                   population::KnobValues knobs = {{"UNROLL", 1}}) {
  const auto plan = fitness::protocol::resolve_plan(task, task.seeds.front().launch);
  return {"test", generate_translation_unit(source, "kernel.cpp", plan), std::move(knobs)};
}
}  // namespace

TEST_CASE("cpu compiler: second compile is a cache hit, and measurably faster", "[cpu][compiler]") {
  test::TempDir dir;
  const auto task = test::vadd_task();
  const CpuCompiler compiler(test::test_context(dir), 60);
  const CompileJob job = job_for(task, task.seeds.front().source);

  const CompileResult first = compiler.compile(job);
  INFO(first.compiler_output);
  REQUIRE(first.ok);
  CHECK_FALSE(first.cache_hit);
  CHECK(std::filesystem::exists(first.shared_object));
  CHECK(first.shared_object.parent_path() == dir.path() / "cache");

  const CompileResult second = compiler.compile(job);
  CHECK(second.ok);
  CHECK(second.cache_hit);
  CHECK(second.shared_object == first.shared_object);
  CHECK(second.seconds * 10 < first.seconds);

  // Another knob value is another binary.
  const CompileJob other = job_for(task, task.seeds.front().source, {{"UNROLL", 4}});
  CHECK(compiler.cache_key(other) != compiler.cache_key(job));
  // No temporary files are left behind.
  for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "cache")) {
    CHECK(entry.path().filename().string().rfind(".tmp-", 0) == std::string::npos);
  }
}

TEST_CASE("cpu compiler: compile errors are kept verbatim and cached", "[cpu][compiler]") {
  test::TempDir dir;
  const auto task = test::vadd_task();
  const CpuCompiler compiler(test::test_context(dir), 60);
  const CompileJob job = job_for(task, test::adversarial_kernel("does_not_compile"));

  const CompileResult first = compiler.compile(job);
  CHECK_FALSE(first.ok);
  CHECK_FALSE(first.cache_hit);
  // The #line directive makes messages point at the kernel's own file and line.
  CHECK_THAT(first.compiler_output, KEVO_CONTAINS("kernel.cpp:5:"));
  CHECK_THAT(first.compiler_output, KEVO_CONTAINS("error: expected ';' before '}' token"));

  const CompileResult second = compiler.compile(job);
  CHECK_FALSE(second.ok);
  CHECK(second.cache_hit);
  CHECK(second.compiler_output == first.compiler_output);
}

TEST_CASE("cpu compiler: a batch compiles in parallel, results in order", "[cpu][compiler]") {
  test::TempDir dir;
  const auto task = test::vadd_task();
  const CpuCompiler compiler(test::test_context(dir), 60);
  const std::vector<CompileJob> jobs = {
      job_for(task, task.seeds.front().source, {{"UNROLL", 1}}),
      job_for(task, test::adversarial_kernel("wrong_signature")),
      job_for(task, task.seeds.front().source, {{"UNROLL", 2}}),
  };
  const auto results = compiler.compile_all(jobs);
  REQUIRE(results.size() == 3);
  CHECK(results[0].ok);
  CHECK_FALSE(results[1].ok);
  CHECK_THAT(results[1].compiler_output, KEVO_CONTAINS("kevo-trampoline"));
  CHECK(results[2].ok);
  CHECK(results[0].shared_object != results[2].shared_object);
}

TEST_CASE("cpu compiler: the trampoline casts each argument by its role", "[cpu][compiler]") {
  const auto task = test::vadd_task();
  const auto plan = fitness::protocol::resolve_plan(task, task.seeds.front().launch);
  const std::string unit = generate_translation_unit("void vadd();", "kernel.cpp", plan);
  CHECK_THAT(unit, KEVO_CONTAINS("#line 1 \"kernel.cpp\"\nvoid vadd();\n"));
  CHECK_THAT(unit, KEVO_CONTAINS("extern \"C\" void kevo_entry_0([[maybe_unused]] void** a) {\n"
                                 "  vadd((const float*)a[0], (const float*)a[1], (float*)a[2], "
                                 "*(const std::int64_t*)a[3]);"));
  population::LaunchPlan injected = task.seeds.front().launch;
  injected.steps[0].kernel = "vadd(0); system";
  CHECK_THROWS_AS(fitness::protocol::resolve_plan(task, injected), fitness::protocol::PlanError);
}
