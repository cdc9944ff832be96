// The evaluator's own device kernels (fitness/gpu/protocol_kernels) on a real
// GPU: they draw the host's inputs, checksum, poison and compare as the host
// does. Without a GPU these are reported skipped.
#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

#include "catch_compat.hpp"
#include "cuda_test_support.hpp"
#include "fitness/cuda/cuda_runtime.hpp"
#include "fitness/cuda/nvrtc_compiler.hpp"
#include "fitness/gpu/device_protocol.hpp"
#include "fitness/protocol/input_generator.hpp"
#include "fitness/protocol/output_comparator.hpp"
#include "fitness/protocol/poison.hpp"

namespace {

using namespace kevo::fitness;

// cuda:0 with the protocol kernels loaded; a test without a GPU is skipped.
struct Gpu {
  explicit Gpu(const kevo::test::TempDir& dir) {
    try {
      runtime = std::make_unique<cuda::CudaRuntime>(0);
    } catch (const std::exception& error) {
      KEVO_SKIP_UNLESS(false, std::string("no CUDA GPU: ") + error.what());
    }
    const cuda::NvrtcCompiler compiler(kevo::test::test_context(dir),
                                       cuda::device_facts_from_json(runtime->describe_device()).arch);
    const auto compiled =
        compiler.compile({"kevo protocol kernels", gpu::protocol_kernels_source(), {}, gpu::protocol_kernel_names()});
    INFO(compiled.log);
    REQUIRE(compiled.ok);
    module = runtime->load_module(compiled.object.string());
    protocol = std::make_unique<gpu::DeviceProtocol>(*runtime, module);
  }
  ~Gpu() {
    protocol.reset();
    if (runtime && module != nullptr) runtime->unload_module(module);
  }
  template <typename T>
  std::vector<T> read(gpu::DevicePointer from, std::size_t count) {
    std::vector<T> values(count);
    runtime->download(values.data(), from, count * sizeof(T));
    return values;
  }

  std::unique_ptr<cuda::CudaRuntime> runtime;
  gpu::ModuleHandle module = nullptr;
  std::unique_ptr<gpu::DeviceProtocol> protocol;
};

}  // namespace

TEST_CASE("gpu protocol: the device draws the host's inputs for every distribution and dtype", "[gpu]") {
  kevo::test::TempDir dir;
  Gpu gpu(dir);
  constexpr std::int64_t n = (1 << 20) + 37;
  gpu::DeviceBuffer buffer(*gpu.runtime);
  const gpu::DevicePointer device = buffer.ensure(n * 8, "inputs");
  const ValueGenerator generators[] = {{ValueGenerator::Kind::uniform, -1, 1},
                                       {ValueGenerator::Kind::uniform, 0.5, 2},
                                       {ValueGenerator::Kind::normal, 85, 2},
                                       {ValueGenerator::Kind::integers, -3, 1000},
                                       {ValueGenerator::Kind::constant, 1.5, 0}};
  for (const ValueGenerator& generator : generators) {
    for (const DType dtype : {DType::f32, DType::f64, DType::i32, DType::i64, DType::bf16}) {
      const std::size_t bytes = static_cast<std::size_t>(n) * dtype_size(dtype);
      std::vector<unsigned char> host(bytes);
      protocol::generate_values(generator, dtype, 1234, host.data(), n);
      gpu.protocol->draw(device, n, dtype, generator, 1234);
      const auto drawn = gpu.read<unsigned char>(device, bytes);
      std::int64_t differing = 0;
      for (std::int64_t i = 0; i < n; ++i) {
        differing += std::memcmp(host.data() + i * dtype_size(dtype), drawn.data() + i * dtype_size(dtype),
                                 dtype_size(dtype)) != 0;
      }
      INFO("distribution " << static_cast<int>(generator.kind) << ", dtype " << to_string(dtype));
      // Normal draws may differ where the device's exp/log round otherwise on the
      // ziggurat's rare slow path; every other draw is the host's, bit for bit.
      if (generator.kind == ValueGenerator::Kind::normal) CHECK(differing <= n / 10000);
      else CHECK(differing == 0);
    }
  }
}

TEST_CASE("gpu protocol: checksums see one changed byte, poison is the host's, comparisons match the host's",
          "[gpu]") {
  kevo::test::TempDir dir;
  Gpu gpu(dir);
  constexpr std::int64_t n = 300001;
  gpu::DeviceBuffer out_buffer(*gpu.runtime), ref_buffer(*gpu.runtime), sums(*gpu.runtime), result(*gpu.runtime);
  const gpu::DevicePointer out = out_buffer.ensure(n * 4, "out");
  const gpu::DevicePointer ref = ref_buffer.ensure(n * 4, "ref");
  const gpu::DevicePointer sum = sums.ensure(16, "sums");

  gpu.protocol->draw(ref, n, DType::f32, {ValueGenerator::Kind::normal, 0, 1}, 7);
  gpu.runtime->fill(sum, 0, 16);
  gpu.protocol->checksum(ref, n * 4 - 3, sum);
  gpu.runtime->copy(out, ref, n * 4);
  std::vector<float> changed = gpu.read<float>(ref, n);
  changed[n / 2] = std::nextafter(changed[n / 2], 10.0f);
  gpu.runtime->upload(out, changed.data(), n * 4);
  gpu.protocol->checksum(out, n * 4 - 3, sum + 8);
  const auto both = gpu.read<std::uint64_t>(sum, 2);
  CHECK(both[0] != both[1]);

  gpu.protocol->poison(out, n, DType::f32);
  const auto poisoned = gpu.read<float>(out, 4);
  CHECK(protocol::is_poison(DType::f32, poisoned.data(), 3));

  // An output with one unwritten element, one NaN and one element off by 1e-3.
  std::vector<float> got = gpu.read<float>(ref, n);
  const std::vector<float> expected = got;
  protocol::poison(DType::f32, &got[10], 1);
  got[20] = std::nanf("");
  got[30] += 1e-3f;
  gpu.runtime->upload(out, got.data(), n * 4);
  const Tolerance tolerance{1e-5, 1e-5, 1e-5};
  gpu::DeviceComparison fresh;
  gpu.runtime->upload(result.ensure(sizeof fresh, "result"), &fresh, sizeof fresh);
  gpu.protocol->compare(out, ref, n, DType::f32, tolerance, result.pointer());
  gpu::DeviceComparison counted;
  gpu.runtime->download(&counted, result.pointer(), sizeof counted);
  const protocol::Comparison host = protocol::compare_output("z", DType::f32, got.data(), expected.data(), n, tolerance);
  CHECK(static_cast<std::int64_t>(counted.failing) == host.failing_elements);
  CHECK(counted.first_failing == 10);
  double max_abs = 0;
  std::memcpy(&max_abs, &counted.max_abs_bits, 8);
  CHECK(max_abs == Approx(host.max_abs_error).epsilon(1e-12));
  CHECK(std::sqrt(counted.diff_squared) / std::sqrt(counted.ref_squared) == Approx(host.norm_rel_error).epsilon(1e-9));
}
