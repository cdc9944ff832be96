// The GPU task suite (configs/tasks/gpu/): every task loads, and every seed
// and GPU reference compiles for sm_90a at its seed knob values. Needs NVRTC,
// not a GPU: it runs in CI.
#include <filesystem>
#include <string>

#include "catch_compat.hpp"
#include "cuda_test_support.hpp"
#include "fitness/cuda/nvrtc_compiler.hpp"

namespace {

std::filesystem::path gpu_tasks_dir() { return std::filesystem::path(KEVO_SOURCE_DIR) / "configs" / "tasks" / "gpu"; }

}  // namespace

TEST_CASE("gpu task suite: every task loads and every seed and GPU reference compiles for sm_90a", "[cuda][compile]") {
  KEVO_SKIP_UNLESS(kevo::test::nvrtc_available(), "NVRTC not found");
  kevo::test::TempDir dir;
  auto context = kevo::test::test_context(dir);
  const kevo::fitness::cuda::NvrtcCompiler compiler(context, "sm_90a");
  int tasks = 0;
  for (const auto& entry : std::filesystem::directory_iterator(gpu_tasks_dir())) {
    if (!std::filesystem::exists(entry.path() / "task.yaml")) continue;
    const kevo::fitness::Task task = kevo::fitness::load_task(entry.path());
    ++tasks;
    INFO("task " << task.name);
    REQUIRE(task.gpu_reference.has_value());
    const auto& reference = *task.gpu_reference;
    const auto compiled_reference = compiler.compile(
        {"reference", reference.source, {}, kevo::fitness::compile::kernel_names(reference.launch)});
    INFO(compiled_reference.log);
    CHECK(compiled_reference.ok);
    for (const auto& seed : task.seeds) {
      INFO("seed " << seed.name);
      CHECK(seed.language == kevo::population::Language::cuda);
      const auto variant = task.seed_variant(seed);
      const auto compiled = compiler.compile(
          {seed.name, variant.source, variant.knobs, kevo::fitness::compile::kernel_names(variant.launch)});
      INFO(compiled.log);
      CHECK(compiled.ok);
    }
  }
  CHECK(tasks >= 8);
}
