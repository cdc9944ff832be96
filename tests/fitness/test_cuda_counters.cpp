// Hardware counters on a real GPU (CUPTI range profiler in kevo-worker):
// checked against kernels whose traffic is known. A coalesced copy of a
// 64 MiB buffer moves about twice its size through DRAM and uses every byte
// of every sector it fetches; the same copy walked in 32 interleaved lanes
// fetches a whole sector for every 4 bytes it uses. Neither is timed while
// profiled: the evaluation's timings stay those of the timed runs.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "catch_compat.hpp"
#include "population/serialization.hpp"
#include "cuda_test_support.hpp"
#include "fitness/profile/counter_diagnosis.hpp"

namespace {

// Thread t copies element (t % lanes_len) * 32 + t / lanes_len: neighbours
// in a warp are 128 bytes apart. Still a permutation, so still a copy.
constexpr const char* kStrided = R"(
extern "C" __global__ void copy(const float* in, float* out, long long n) {
  const long long t = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  const long long lane_length = n / 32;
  if (t >= n) return;
  const long long i = (t % lane_length) * 32 + t / lane_length;
  out[i] = in[i];
}
)";

kevo::fitness::Task copy_task() {
  return kevo::fitness::load_task(std::filesystem::path(KEVO_SOURCE_DIR) / "tests/fitness/counters/copy");
}

// With KEVO_COUNTER_RECORDINGS=DIR the counters are also written there as
// JSON: that is how tests/fitness/counters/recorded/ was made on an H100.
void record(const std::string& name, const kevo::population::Evaluation& evaluation) {
  const char* folder = std::getenv("KEVO_COUNTER_RECORDINGS");
  if (folder == nullptr || !evaluation.counters) return;
  std::ofstream(std::filesystem::path(folder) / (name + ".json")) << nlohmann::json(evaluation).dump(1) << "\n";
}

constexpr double kBufferBytes = 16777216.0 * 4;

}  // namespace

TEST_CASE("cuda counters: a copy moves 2x its buffer, a strided copy wastes its sectors", "[gpu]") {
  kevo::test::TempDir dir;
  const auto task = copy_task();
  auto protocol = kevo::test::quick_protocol();
  protocol.flush_cache = true;
  std::string why_not;
  const auto evaluator = kevo::test::try_cuda_evaluator(kevo::test::test_context(dir), task, protocol, why_not);
  KEVO_SKIP_UNLESS(evaluator != nullptr, why_not);

  const auto coalesced = task.seed_variant(task.seeds.front());
  const auto strided = kevo::test::with_source(task, kStrided);
  auto evaluations = evaluator->evaluate({coalesced, strided});
  for (const auto& evaluation : evaluations) {
    INFO(kevo::population::to_string(evaluation.status) << ": " << evaluation.error);
    REQUIRE(evaluation.ok());
  }
  const auto timings_before = evaluations[0].timings;
  const std::string copy_error = evaluator->profile(coalesced, evaluations[0]);
  KEVO_SKIP_UNLESS(copy_error.find("no hardware counters on this GPU") == std::string::npos, copy_error);
  INFO(copy_error);
  REQUIRE(copy_error.empty());
  const std::string strided_error = evaluator->profile(strided, evaluations[1]);
  INFO(strided_error);
  REQUIRE(strided_error.empty());

  record("copy", evaluations[0]);
  record("strided_copy", evaluations[1]);
  const auto& copy = *evaluations[0].counters;
  REQUIRE(copy.kernels.size() == 1);
  CHECK(copy.passes > 1);
  CHECK(copy.collection_seconds > 0);
  // Profiling never touches the timed samples.
  REQUIRE(evaluations[0].timings.size() == timings_before.size());
  CHECK(evaluations[0].timings[0].samples == timings_before[0].samples);

  const auto copy_measured = kevo::fitness::profile::measure(copy);
  INFO("copy: DRAM read " << copy_measured.dram_read_bytes << " B, written " << copy_measured.dram_write_bytes
                          << " B, load efficiency " << copy_measured.load_efficiency() << ", store efficiency "
                          << copy_measured.store_efficiency());
  CHECK(copy_measured.dram_bytes() > 1.8 * kBufferBytes);
  CHECK(copy_measured.dram_bytes() < 2.3 * kBufferBytes);
  CHECK(copy_measured.dram_read_bytes > 0.9 * kBufferBytes);
  CHECK(copy_measured.dram_write_bytes > 0.9 * kBufferBytes);
  CHECK(copy_measured.load_efficiency() > 0.95);
  CHECK(copy_measured.store_efficiency() > 0.95);
  CHECK(copy_measured.dram_throughput > 0.5);

  const auto strided_measured = kevo::fitness::profile::measure(*evaluations[1].counters);
  INFO("strided: DRAM " << strided_measured.dram_bytes() << " B, load efficiency "
                        << strided_measured.load_efficiency() << ", store efficiency "
                        << strided_measured.store_efficiency());
  CHECK(strided_measured.load_efficiency() < 0.2);
  CHECK(strided_measured.store_efficiency() < 0.2);
  CHECK(*evaluations[1].bench_seconds() > *evaluations[0].bench_seconds());

  const auto copy_diagnosis = kevo::fitness::profile::diagnose(evaluations[0], task);
  const auto strided_diagnosis = kevo::fitness::profile::diagnose(evaluations[1], task);
  REQUIRE(copy_diagnosis);
  REQUIRE(strided_diagnosis);
  INFO("copy: " << kevo::fitness::profile::limiter_summary(*copy_diagnosis, 5));
  INFO("strided: " << kevo::fitness::profile::limiter_summary(*strided_diagnosis, 5));
  CHECK(copy_diagnosis->finer_bound() == "memory/dram-bandwidth");
  CHECK(copy_diagnosis->traffic_ratio > 0.9);
  CHECK(copy_diagnosis->traffic_ratio < 1.15);
  CHECK(strided_diagnosis->limiters.front().key == "uncoalesced");
}
