// The HIP compile path, which needs hiprtc (Debian 12: libamdhip64-5,
// libhiprtc-builtins5, rocm-device-libs) but no AMD GPU: it runs in CI. Every
// seed that declares `portable_to: [hip]` compiles, at its seed point and at
// two more knob points, to a gfx90a code object; a target this ROCm cannot
// build for is a clear failed compile, never a crash of kevo.
#include <fstream>
#include <iostream>
#include <string>

#include "catch_compat.hpp"
#include "cpu_test_support.hpp"
#include "fitness/gpu/protocol_kernels.hpp"
#include "fitness/hip/hiprtc_compiler.hpp"
#include "fitness/knob_space.hpp"
#include "fitness/task.hpp"

namespace {

using kevo::fitness::hip::HipCompileJob;
using kevo::fitness::hip::HiprtcCompiler;
using kevo::population::Language;

bool hiprtc_available(const kevo::fitness::Context& context) {
  try {
    HiprtcCompiler probe(context, "gfx90a");
    return true;
  } catch (const std::exception& error) {
    std::cerr << error.what() << "\n";
    return false;
  }
}

std::string file_head(const std::filesystem::path& path, std::size_t bytes) {
  std::ifstream in(path, std::ios::binary);
  std::string head(bytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(bytes));
  return head;
}

std::vector<std::string> kernels_of(const kevo::population::LaunchPlan& plan) {
  std::vector<std::string> names;
  for (const auto& step : plan.steps) names.push_back(step.kernel);
  return names;
}

bool portable_to_hip(const std::vector<Language>& languages) {
  return std::find(languages.begin(), languages.end(), Language::hip) != languages.end();
}

// The seed point and two more points spread over the knob space.
std::vector<kevo::population::KnobValues> sample_points(const kevo::fitness::Task& task,
                                                        const kevo::fitness::SeedSpec& seed) {
  std::vector<kevo::population::KnobValues> points{task.seed_variant(seed).knobs};
  const auto all = kevo::fitness::enumerate_knob_space(seed);
  for (const std::size_t at : {all.size() / 3, 2 * all.size() / 3})
    if (at < all.size() && all[at] != points.front()) points.push_back(all[at]);
  return points;
}

const char* const kPortableTasks[] = {"gpu/triad",     "gpu/row_reduce", "gpu/softmax", "gpu/layernorm",
                                      "gpu/transpose", "gpu/sgemm",      "gpu/conv2d",  "mixed/triad"};

}  // namespace

TEST_CASE("hiprtc: every portable task seed and GPU reference compiles to a gfx90a code object", "[hip][compile]") {
  kevo::test::TempDir dir;
  const auto context = kevo::test::test_context(dir);
  KEVO_SKIP_UNLESS(hiprtc_available(context), "hiprtc not found (install libamdhip64-5 libhiprtc-builtins5 rocm-device-libs)");
  const HiprtcCompiler compiler(context, "gfx90a");
  std::vector<HipCompileJob> jobs;
  for (const char* name : kPortableTasks) {
    const auto task = kevo::fitness::load_task(std::filesystem::path(KEVO_SOURCE_DIR) / "configs/tasks" / name);
    for (const auto& seed : task.seeds) {
      if (!portable_to_hip(seed.portable_to)) continue;
      for (const auto& knobs : sample_points(task, seed))
        jobs.push_back({std::string(name) + "/" + seed.name, seed.source, knobs, kernels_of(seed.launch)});
    }
    REQUIRE(task.gpu_reference);
    CHECK(portable_to_hip(task.gpu_reference->portable_to));
    jobs.push_back({std::string(name) + "/reference", task.gpu_reference->source, {}, kernels_of(task.gpu_reference->launch)});
  }
  const auto results = compiler.compile_all(jobs);
  double seconds = 0;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    INFO(jobs[i].label << " " << kevo::population::knobs_to_text(jobs[i].knobs) << ":\n" << results[i].log);
    CHECK(results[i].ok);
    if (results[i].ok) CHECK(file_head(results[i].object, 4) == "\x7f" "ELF");
    CHECK(results[i].symbols.size() == jobs[i].kernels.size());
    seconds += results[i].seconds;
  }
  std::cout << jobs.size() << " HIP compiles for gfx90a (hiprtc " << compiler.version() << "), " << seconds
            << " s of compile time\n";
  CHECK(jobs.size() >= 40);
}

TEST_CASE("hiprtc: a target this ROCm cannot build for is a failed compile that says so", "[hip][compile]") {
  kevo::test::TempDir dir;
  const auto context = kevo::test::test_context(dir);
  KEVO_SKIP_UNLESS(hiprtc_available(context), "hiprtc not found");
  const std::string source = "extern \"C\" __global__ void k(float* x) { x[threadIdx.x] = 1.0f; }\n";
  const HiprtcCompiler gfx942(context, "gfx942");
  const auto result = gfx942.compile({"probe", source, {}, {"k"}});
  if (result.ok) {
    SUCCEED("this ROCm builds gfx942 code objects");  // newer ROCm: nothing to contain
    return;
  }
  CHECK_THAT(result.log, KEVO_CONTAINS("cannot build for gfx942"));
  // kevo is still here, and the compiler still works for a known target.
  const HiprtcCompiler gfx90a(context, "gfx90a");
  CHECK(gfx90a.compile({"probe", source, {}, {"k"}}).ok);
}

TEST_CASE("hiprtc: errors keep the kernel's own line numbers, are cached, and a missing kernel fails", "[hip][compile]") {
  kevo::test::TempDir dir;
  const auto context = kevo::test::test_context(dir);
  KEVO_SKIP_UNLESS(hiprtc_available(context), "hiprtc not found");
  const HiprtcCompiler compiler(context, "gfx90a");
  const std::string broken = "extern \"C\" __global__ void k(float* x) {\n  x[threadIdx.x] = 1.0f\n}\n";
  const auto first = compiler.compile({"broken", broken, {}, {"k"}});
  CHECK_FALSE(first.ok);
  CHECK_THAT(first.log, KEVO_CONTAINS("kernel.hip:2:"));  // the prelude does not shift lines
  const auto again = compiler.compile({"broken", broken, {}, {"k"}});
  CHECK(again.cache_hit);
  CHECK(again.log == first.log);
  const auto missing = compiler.compile({"missing", "extern \"C\" __global__ void other() {}\n", {}, {"k"}});
  CHECK_FALSE(missing.ok);
  CHECK_THAT(missing.log, KEVO_CONTAINS("'k'"));
  // CUDA's warp shuffles, through the prelude, keep CUDA's 32-lane width.
  const auto shuffles = compiler.compile(
      {"shuffles",
       "extern \"C\" __global__ void k(float* x) {\n  float v = x[threadIdx.x];\n"
       "  for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);\n  x[threadIdx.x] = v;\n}\n",
       {}, {"k"}});
  INFO(shuffles.log);
  CHECK(shuffles.ok);
}

TEST_CASE("hiprtc: kevo's own protocol kernels compile to a gfx90a code object", "[hip][compile]") {
  kevo::test::TempDir dir;
  const auto context = kevo::test::test_context(dir);
  KEVO_SKIP_UNLESS(hiprtc_available(context), "hiprtc not found (install libamdhip64-5, libhiprtc-builtins5, rocm-device-libs)");
  const HiprtcCompiler compiler(context, "gfx90a");
  const auto result = compiler.compile({"kevo protocol kernels", kevo::fitness::gpu::protocol_kernels_source(), {},
                                        kevo::fitness::gpu::protocol_kernel_names()});
  INFO(result.log);
  REQUIRE(result.ok);
  CHECK(file_head(result.object, 4) == "\x7f" "ELF");
  CHECK(result.symbols.size() == kevo::fitness::gpu::protocol_kernel_names().size());
}
