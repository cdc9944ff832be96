// The CUDA compile path, which needs NVRTC but no GPU: it runs in CI.
#include <fstream>
#include <string>

#include "catch_compat.hpp"
#include "cuda_test_support.hpp"
#include "fitness/cuda/nvrtc_compiler.hpp"
#include "fitness/gpu/protocol_kernels.hpp"

namespace {

using kevo::fitness::cuda::CudaCompileJob;
using kevo::fitness::cuda::NvrtcCompiler;

std::string file_head(const std::filesystem::path& path, std::size_t bytes) {
  std::ifstream in(path, std::ios::binary);
  std::string head(bytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(bytes));
  return head;
}

}  // namespace

TEST_CASE("nvrtc: a seed compiles to an sm_90a cubin and the second compile is a cache hit", "[cuda][compile]") {
  KEVO_SKIP_UNLESS(kevo::test::nvrtc_available(), "NVRTC not found");
  kevo::test::TempDir dir;
  const auto task = kevo::test::vadd_cuda_task();
  const NvrtcCompiler compiler(kevo::test::test_context(dir), "sm_90a");
  const CudaCompileJob job{"seed", task.seeds.front().source, {{"BLOCK", 128}}, {"vadd"}};
  const auto first = compiler.compile(job);
  INFO(first.log);
  REQUIRE(first.ok);
  CHECK_FALSE(first.cache_hit);
  CHECK(file_head(first.object, 4) == "\x7f" "ELF");
  CHECK(first.symbols == std::vector<std::string>{"vadd"});
  const auto second = compiler.compile(job);
  CHECK(second.ok);
  CHECK(second.cache_hit);
  CHECK(second.object == first.object);
  CHECK(second.symbols == first.symbols);
  // Another knob value is another binary.
  const auto other = compiler.compile({"seed", job.source, {{"BLOCK", 64}}, {"vadd"}});
  CHECK(other.object != first.object);
}

TEST_CASE("nvrtc: compile errors come back verbatim and a missing kernel is a compile error", "[cuda][compile]") {
  KEVO_SKIP_UNLESS(kevo::test::nvrtc_available(), "NVRTC not found");
  kevo::test::TempDir dir;
  const NvrtcCompiler compiler(kevo::test::test_context(dir), "sm_90a");
  const auto broken = compiler.compile({"broken", kevo::test::cuda_kernel("does_not_compile"), {}, {"vadd"}});
  CHECK_FALSE(broken.ok);
  CHECK_THAT(broken.log, KEVO_CONTAINS("kernel.cu(5): error: expected a \";\""));
  const auto cached = compiler.compile({"broken", kevo::test::cuda_kernel("does_not_compile"), {}, {"vadd"}});
  CHECK(cached.cache_hit);
  CHECK(cached.log == broken.log);
  const auto missing = compiler.compile({"missing", "extern \"C\" __global__ void other() {}\n", {}, {"vadd"}});
  CHECK_FALSE(missing.ok);
  CHECK_THAT(missing.log, KEVO_CONTAINS("vadd"));
}

TEST_CASE("nvrtc: C++ kernels are found through their lowered names", "[cuda][compile]") {
  KEVO_SKIP_UNLESS(kevo::test::nvrtc_available(), "NVRTC not found");
  kevo::test::TempDir dir;
  const NvrtcCompiler compiler(kevo::test::test_context(dir), "sm_90a");
  const auto result = compiler.compile({"cpp", "__global__ void scale(float* x, int n) { if (threadIdx.x < n) x[threadIdx.x] *= 2; }\n",
                                        {}, {"scale"}});
  INFO(result.log);
  REQUIRE(result.ok);
  REQUIRE(result.symbols.size() == 1);
  CHECK(result.symbols[0].rfind("_Z", 0) == 0);
}

TEST_CASE("nvrtc: the device-side launch cheat does not compile", "[cuda][compile]") {
  KEVO_SKIP_UNLESS(kevo::test::nvrtc_available(), "NVRTC not found");
  kevo::test::TempDir dir;
  const NvrtcCompiler compiler(kevo::test::test_context(dir), "sm_90a");
  const auto result = compiler.compile({"launch", kevo::test::cuda_kernel("device_side_launch"), {}, {"vadd"}});
  CHECK_FALSE(result.ok);
  CHECK_THAT(result.log, KEVO_CONTAINS("error"));
}

TEST_CASE("nvrtc: kevo's own protocol kernels compile for sm_90a", "[cuda][compile]") {
  KEVO_SKIP_UNLESS(kevo::test::nvrtc_available(), "NVRTC not found");
  kevo::test::TempDir dir;
  const NvrtcCompiler compiler(kevo::test::test_context(dir), "sm_90a");
  const auto result = compiler.compile({"kevo protocol kernels", kevo::fitness::gpu::protocol_kernels_source(), {},
                                        kevo::fitness::gpu::protocol_kernel_names()});
  INFO(result.log);
  REQUIRE(result.ok);
  CHECK(result.symbols == kevo::fitness::gpu::protocol_kernel_names());  // extern "C": names as written
}
