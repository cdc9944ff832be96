// Multi-step launch plans on the GPU: checked step by step in order, timed as
// one captured CUDA graph, and checked again after the timed replays.
#include <string>

#include "catch_compat.hpp"
#include "cuda_test_support.hpp"

namespace {

// z = x, then z += 2*y: right only if the second step sees the first's writes.
constexpr const char* kTwoSteps = R"(
extern "C" __global__ void copy_x(const float* x, float* z, long long n) {
  const long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n) z[i] = x[i];
}
extern "C" __global__ void add_2y(const float* y, float* z, long long n) {
  const long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n) z[i] += 2.0f * y[i];
}
)";

kevo::population::LaunchStep step(const std::string& kernel, const std::string& input) {
  kevo::population::LaunchStep s;
  s.kernel = kernel;
  s.args = {input, "z", "N"};
  s.grid = {"cdiv(N, BLOCK)", "1", "1"};
  s.block = {"BLOCK", "1", "1"};
  return s;
}

}  // namespace

TEST_CASE("cuda: a two-step plan runs in order, is timed as one graph, and stays right", "[gpu]") {
  kevo::test::TempDir dir;
  const auto task = kevo::test::vadd_cuda_task();
  std::string why_not;
  const auto evaluator =
      kevo::test::try_cuda_evaluator(kevo::test::test_context(dir), task, kevo::test::quick_protocol(), why_not);
  KEVO_SKIP_UNLESS(evaluator != nullptr, why_not);

  auto two_steps = kevo::test::with_source(task, kTwoSteps);
  two_steps.launch.steps = {step("copy_x", "x"), step("add_2y", "y")};
  auto reversed = two_steps;  // z += 2*y before z = x: the first step's work is lost
  reversed.launch.steps = {step("add_2y", "y"), step("copy_x", "x")};

  const auto evaluations = evaluator->evaluate({two_steps, reversed});
  REQUIRE(evaluations.size() == 2);
  const auto& good = evaluations[0];
  INFO(kevo::population::to_string(good.status) << ": " << good.error);
  REQUIRE(good.ok());
  REQUIRE(good.timings.size() == 1);
  CHECK(good.timings[0].size_label == "N=1048576");
  CHECK(good.timings[0].median_seconds > 0);
  CHECK(good.timings[0].median_seconds < 0.01);
  CHECK(evaluations[1].status == kevo::population::EvalStatus::wrong_result);
}
