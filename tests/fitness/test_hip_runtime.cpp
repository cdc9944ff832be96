// The HIP runner and evaluator. Launch tests are tagged [hip]: they run on
// an AMD GPU and are reported as skipped everywhere else (no AMD GPU has run
// them yet). Without one, what kevo must do is say so plainly, naming the
// device, from the worker and from the evaluator.
#include <string>

#include "catch_compat.hpp"
#include "cpu_test_support.hpp"
#include "fitness/evaluator.hpp"
#include "fitness/hip/hip_runtime_api.hpp"
#include "fitness/worker/worker_client.hpp"

#if __has_include(<hip/hip_runtime_api.h>)
#define __HIP_PLATFORM_AMD__ 1
#include <hip/hip_runtime_api.h>
#define KEVO_TEST_HAS_HIP_H 1
#endif

namespace {

kevo::fitness::Context hip_context(const kevo::test::TempDir& dir) {
  auto context = kevo::test::test_context(dir);
  context.profiles_dir = std::filesystem::path(KEVO_SOURCE_DIR) / "hardware_profiles";
  context.scratch_dir = dir.path() / "scratch";
  return context;
}

kevo::fitness::Task triad() {
  return kevo::fitness::load_task(std::filesystem::path(KEVO_SOURCE_DIR) / "configs/tasks/gpu/triad");
}

// The evaluator on hip:0, or nullptr with the reason where there is no AMD GPU.
std::unique_ptr<kevo::fitness::Evaluator> try_hip_evaluator(const kevo::fitness::Context& context,
                                                            const kevo::fitness::Task& task, std::string& why_not) {
  try {
    return kevo::fitness::make_hip_evaluator(context, task, kevo::test::quick_protocol(), 0);
  } catch (const std::runtime_error& error) {
    const std::string text = error.what();
    if (text.find("no AMD GPU") == std::string::npos && text.find("no ROCm HIP runtime") == std::string::npos) throw;
    why_not = text;
    return nullptr;
  }
}

}  // namespace

TEST_CASE("hip abi: kevo's HIP runtime constants equal hip_runtime_api.h's", "[hip-abi]") {
#ifdef KEVO_TEST_HAS_HIP_H
  namespace a = kevo::fitness::hip::hip_attribute;
  namespace f = kevo::fitness::hip::hip_function_attribute;
  namespace r = kevo::fitness::hip::hip_result;
  STATIC_REQUIRE(a::clock_rate_khz == hipDeviceAttributeClockRate);
  STATIC_REQUIRE(a::l2_cache_bytes == hipDeviceAttributeL2CacheSize);
  STATIC_REQUIRE(a::max_threads_per_block == hipDeviceAttributeMaxThreadsPerBlock);
  STATIC_REQUIRE(a::max_threads_per_multiprocessor == hipDeviceAttributeMaxThreadsPerMultiProcessor);
  STATIC_REQUIRE(a::memory_bus_width_bits == hipDeviceAttributeMemoryBusWidth);
  STATIC_REQUIRE(a::memory_clock_rate_khz == hipDeviceAttributeMemoryClockRate);
  STATIC_REQUIRE(a::multiprocessor_count == hipDeviceAttributeMultiprocessorCount);
  STATIC_REQUIRE(a::pci_bus_id == hipDeviceAttributePciBusId);
  STATIC_REQUIRE(a::pci_device_id == hipDeviceAttributePciDeviceId);
  STATIC_REQUIRE(a::pci_domain_id == hipDeviceAttributePciDomainID);
  STATIC_REQUIRE(a::max_shared_memory_per_block == hipDeviceAttributeMaxSharedMemoryPerBlock);
  STATIC_REQUIRE(a::warp_size == hipDeviceAttributeWarpSize);
  STATIC_REQUIRE(a::max_shared_memory_per_multiprocessor == hipDeviceAttributeMaxSharedMemoryPerMultiprocessor);
  STATIC_REQUIRE(f::max_threads_per_block == HIP_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK);
  STATIC_REQUIRE(f::shared_size_bytes == HIP_FUNC_ATTRIBUTE_SHARED_SIZE_BYTES);
  STATIC_REQUIRE(f::local_size_bytes == HIP_FUNC_ATTRIBUTE_LOCAL_SIZE_BYTES);
  STATIC_REQUIRE(f::num_regs == HIP_FUNC_ATTRIBUTE_NUM_REGS);
  STATIC_REQUIRE(r::no_device == hipErrorNoDevice);
  STATIC_REQUIRE(r::illegal_address == hipErrorIllegalAddress);
  STATIC_REQUIRE(r::launch_timeout == hipErrorLaunchTimeOut);
  STATIC_REQUIRE(r::assert_failed == hipErrorAssert);
  STATIC_REQUIRE(r::launch_failure == hipErrorLaunchFailure);
#else
  KEVO_SKIP_UNLESS(false, "hip/hip_runtime_api.h not found (libamdhip64-dev): nothing to compare against");
#endif
}

TEST_CASE("hip: with no AMD GPU, the worker and the evaluator say so and name hip:0", "[hip-absent]") {
  kevo::test::TempDir dir;
  std::string why_not;
  const auto evaluator = try_hip_evaluator(hip_context(dir), triad(), why_not);
  KEVO_SKIP_UNLESS(evaluator == nullptr, "an AMD GPU is here: the [hip] tests cover it");
  INFO(why_not);
  const bool names_device = why_not.rfind("hip:0", 0) == 0 || why_not.rfind("device hip:0", 0) == 0;
  CHECK(names_device);
  // The worker itself stays up and answers the next request the same way.
  kevo::fitness::worker::WorkerClient worker(KEVO_WORKER_PATH, [](const std::string&) {}, {"--hip", "0"});
  CHECK_THROWS_WITH(worker.describe_device(30), KEVO_CONTAINS("hip:0"));
  CHECK_THROWS_WITH(worker.describe_device(30), KEVO_CONTAINS("hip:0"));
  CHECK(worker.restarts() == 0);
}

TEST_CASE("hip: triad's portable seeds run, check and time on an AMD GPU, a wrong kernel fails", "[hip]") {
  kevo::test::TempDir dir;
  const auto task = triad();
  std::string why_not;
  const auto evaluator = try_hip_evaluator(hip_context(dir), task, why_not);
  KEVO_SKIP_UNLESS(evaluator != nullptr, why_not);
  std::vector<kevo::population::Variant> variants;
  for (const auto& seed : task.seeds) {
    if (evaluator->runs_seed(seed)) variants.push_back(task.seed_variant(seed));
  }
  REQUIRE(!variants.empty());
  auto wrong = task.seed_variant(*task.find_seed("naive"));
  const std::string body = "a[i] = b[i] + s[0] * c[i];\n}";
  const auto at = wrong.source.find(body);
  REQUIRE(at != std::string::npos);
  wrong.source.replace(at, body.size(), "a[i] = b[i] - s[0] * c[i];\n}");  // the wrong sign
  variants.push_back(wrong);
  const auto evaluations = evaluator->evaluate(variants);
  for (std::size_t i = 0; i + 1 < evaluations.size(); ++i) {
    INFO(kevo::population::to_string(evaluations[i].status) << ": " << evaluations[i].error);
    CHECK(evaluations[i].ok());
    REQUIRE(evaluations[i].timings.size() == 1);
    CHECK(evaluations[i].timings[0].median_seconds > 0);
    REQUIRE(evaluations[i].resources);
    CHECK(evaluations[i].resources->occupancy > 0);
  }
  CHECK(evaluations.back().status == kevo::population::EvalStatus::wrong_result);
}
