#include "fitness/cuda/calibration.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <cstdio>
#include <stdexcept>

#include "fitness/cuda/device_memory.hpp"
#include "fitness/cuda/nvrtc_compiler.hpp"

namespace kevo::fitness::cuda {

namespace {

constexpr int kFmaChains = 8;  // independent chains per thread: enough to hide FMA latency
constexpr int kFmaIterations = 4096;
constexpr int kCalibrationGemmSize = 8192;

const char* kMicrokernels = R"(
extern "C" __global__ void copy_f4(const float4* __restrict__ in, float4* __restrict__ out, long long n4) {
  for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n4; i += (long long)gridDim.x * blockDim.x)
    out[i] = in[i];
}
template <typename T>
__device__ void fma_chains(T* out, int iters, T a, T b) {
  T x0 = threadIdx.x, x1 = x0 + 1, x2 = x0 + 2, x3 = x0 + 3, x4 = x0 + 4, x5 = x0 + 5, x6 = x0 + 6, x7 = x0 + 7;
  for (int i = 0; i < iters; ++i) {
    x0 = x0 * a + b; x1 = x1 * a + b; x2 = x2 * a + b; x3 = x3 * a + b;
    x4 = x4 * a + b; x5 = x5 * a + b; x6 = x6 * a + b; x7 = x7 * a + b;
  }
  out[blockIdx.x * blockDim.x + threadIdx.x] = x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7;
}
extern "C" __global__ void fma_f32(float* out, int iters, float a, float b) { fma_chains(out, iters, a, b); }
extern "C" __global__ void fma_f64(double* out, int iters, double a, double b) { fma_chains(out, iters, a, b); }
__device__ float hashed(long long i, unsigned seed) {
  unsigned h = (unsigned)i * 2654435761u ^ seed;
  h ^= h >> 15; h *= 2246822519u; h ^= h >> 13;
  return (h & 0xFFFFFF) / 8388608.0f - 1.0f;  // [-1, 1)
}
extern "C" __global__ void fill_f32(float* p, long long n, unsigned seed) {
  for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x)
    p[i] = hashed(i, seed);
}
extern "C" __global__ void fill_bf16(unsigned short* p, long long n, unsigned seed) {
  for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x)
    p[i] = (unsigned short)(__float_as_uint(hashed(i, seed)) >> 16);
}
)";

// The microkernels, compiled and loaded once.
class Microkernels {
 public:
  Microkernels(const Context& context, const CudaDevice& device) : api_(device.api()) {
    const NvrtcCompiler compiler(context, device.facts().arch);
    const std::vector<std::string> names = {"copy_f4", "fma_f32", "fma_f64", "fill_f32", "fill_bf16"};
    const CudaCompileResult compiled = compiler.compile({"calibration", kMicrokernels, {}, names});
    if (!compiled.ok) throw std::runtime_error("calibration kernels do not compile:\n" + compiled.log);
    std::ifstream in(compiled.object, std::ios::binary);
    const std::string image{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    api_.check(api_.cuModuleLoadData(&module_, image.data()), "load the calibration kernels");
    for (std::size_t i = 0; i < names.size(); ++i) {
      CUfunction function = nullptr;
      api_.check(api_.cuModuleGetFunction(&function, module_, compiled.symbols[i].c_str()), "find " + names[i]);
      functions_[names[i]] = function;
    }
  }
  ~Microkernels() { api_.cuModuleUnload(module_); }

  void launch(const std::string& name, unsigned grid, unsigned block, CUstream stream, std::vector<void*> params) const {
    api_.check(api_.cuLaunchKernel(functions_.at(name), grid, 1, 1, block, 1, 1, 0, stream, params.data(), nullptr),
               "launch " + name);
  }

 private:
  const DriverApi& api_;
  CUmodule module_ = nullptr;
  std::map<std::string, CUfunction> functions_;
};

// Median of `samples` event-timed runs of `body`, the L2 flushed before each.
double median_seconds(const CudaDevice& device, DeviceMemory& flush, int samples, const std::function<void()>& body) {
  const DriverApi& api = device.api();
  const std::size_t flush_bytes = 2 * static_cast<std::size_t>(device.facts().l2_bytes);
  const CUdeviceptr scratch = flush.ensure(flush_bytes, "the L2 flush");
  CUevent start = nullptr, stop = nullptr;
  api.check(api.cuEventCreate(&start, 0), "create an event");
  api.check(api.cuEventCreate(&stop, 0), "create an event");
  body();  // warm-up: module load, cuBLAS heuristics, first-touch
  std::vector<double> times;
  for (int i = 0; i < samples; ++i) {
    api.check(api.cuMemsetD8Async(scratch, static_cast<unsigned char>(i), flush_bytes, device.stream()), "flush the L2");
    api.check(api.cuEventRecord(start, device.stream()), "record an event");
    body();
    api.check(api.cuEventRecord(stop, device.stream()), "record an event");
    api.check(api.cuStreamSynchronize(device.stream()), "run a calibration sample");
    float milliseconds = 0;
    api.check(api.cuEventElapsedTime(&milliseconds, start, stop), "read an event");
    times.push_back(milliseconds * 1e-3);
  }
  api.cuEventDestroy(start);
  api.cuEventDestroy(stop);
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

unsigned fill_grid(const CudaDevice& device) { return static_cast<unsigned>(device.facts().multiprocessors * 8); }

void fill(const Microkernels& kernels, const CudaDevice& device, GemmPrecision precision, CUdeviceptr data,
          long long elements, unsigned seed) {
  void* pointer = &data;
  kernels.launch(precision == GemmPrecision::fp32 ? "fill_f32" : "fill_bf16", fill_grid(device), 256, device.stream(),
                 {pointer, &elements, &seed});
}

double copy_bandwidth_gbs(const Microkernels& kernels, const CudaDevice& device, DeviceMemory& flush, int samples) {
  const DriverApi& api = device.api();
  const std::size_t bytes = std::size_t{1} << 30;
  DeviceMemory in(api), out(api);
  CUdeviceptr src = in.ensure(bytes, "the copy source"), dst = out.ensure(bytes, "the copy target");
  fill(kernels, device, GemmPrecision::fp32, src, static_cast<long long>(bytes / 4), 1);
  const double memcpy_seconds = median_seconds(device, flush, samples, [&] {
    api.check(api.cuMemcpyDtoDAsync(dst, src, bytes, device.stream()), "copy");
  });
  long long vectors = static_cast<long long>(bytes / 16);
  const double kernel_seconds = median_seconds(device, flush, samples, [&] {
    kernels.launch("copy_f4", fill_grid(device) * 4, 256, device.stream(), {&src, &dst, &vectors});
  });
  return 2.0 * static_cast<double>(bytes) / std::min(memcpy_seconds, kernel_seconds) / 1e9;
}

double fma_tflops(const Microkernels& kernels, const CudaDevice& device, DeviceMemory& flush, int samples, bool f64) {
  const int block = 256;
  const unsigned grid = static_cast<unsigned>(device.facts().multiprocessors * 8);
  DeviceMemory out(device.api());
  CUdeviceptr results = out.ensure(static_cast<std::size_t>(grid) * block * 8, "FMA results");
  int iterations = kFmaIterations;
  float a32 = 0.999f, b32 = 0.001f;
  double a64 = 0.999, b64 = 0.001;
  const double seconds = median_seconds(device, flush, samples, [&] {
    if (f64) kernels.launch("fma_f64", grid, block, device.stream(), {&results, &iterations, &a64, &b64});
    else kernels.launch("fma_f32", grid, block, device.stream(), {&results, &iterations, &a32, &b32});
  });
  const double flops = 2.0 * kFmaChains * kFmaIterations * static_cast<double>(grid) * block;
  return flops / seconds / 1e12;
}

GemmTiming time_gemm(const Microkernels& kernels, const CudaDevice& device, const Cublas& cublas, DeviceMemory& flush,
                     int samples, const GemmShape& shape) {
  const std::size_t element = shape.precision == GemmPrecision::fp32 ? 4 : 2;
  DeviceMemory a(device.api()), b(device.api()), c(device.api());
  const auto m = static_cast<std::size_t>(shape.m), n = static_cast<std::size_t>(shape.n),
             k = static_cast<std::size_t>(shape.k);
  const CUdeviceptr pa = a.ensure(m * k * element, "GEMM A"), pb = b.ensure(k * n * element, "GEMM B"),
                    pc = c.ensure(m * n * 4, "GEMM C");
  fill(kernels, device, shape.precision, pa, static_cast<long long>(m * k), 2);
  fill(kernels, device, shape.precision, pb, static_cast<long long>(k * n), 3);
  GemmTiming timing;
  timing.shape = shape;
  timing.median_seconds = median_seconds(device, flush, samples, [&] {
    cublas.gemm(shape.precision, shape.m, shape.n, shape.k, pa, pb, pc);
  });
  timing.tflops = 2.0 * static_cast<double>(m) * static_cast<double>(n) * static_cast<double>(k) /
                  timing.median_seconds / 1e12;
  return timing;
}

}  // namespace

std::string GemmShape::label() const {
  return std::string(precision == GemmPrecision::fp32 ? "fp32 " : "bf16 ") + std::to_string(m) + "x" +
         std::to_string(n) + "x" + std::to_string(k);
}

GemmShape parse_gemm_shape(const std::string& text) {
  GemmShape shape;
  char precision[8] = {};
  if (std::sscanf(text.c_str(), "%dx%dx%d:%7s", &shape.m, &shape.n, &shape.k, precision) != 4 || shape.m <= 0 ||
      shape.n <= 0 || shape.k <= 0) {
    throw std::invalid_argument("GEMM shape '" + text + "': expected MxNxK:fp32 or MxNxK:bf16");
  }
  const std::string kind = precision;
  if (kind == "fp32") shape.precision = GemmPrecision::fp32;
  else if (kind == "bf16") shape.precision = GemmPrecision::bf16;
  else throw std::invalid_argument("GEMM shape '" + text + "': precision must be fp32 or bf16");
  return shape;
}

Calibration calibrate(const Context& context, const CalibrationOptions& options) {
  const CudaDevice device(options.ordinal);
  const Microkernels kernels(context, device);
  const Cublas cublas(device.stream());
  DeviceMemory flush(device.api());
  Calibration result;
  result.facts = device.facts();
  result.copy_bandwidth_gbs = copy_bandwidth_gbs(kernels, device, flush, options.samples);
  result.fp32_fma_tflops = fma_tflops(kernels, device, flush, options.samples, false);
  result.fp64_fma_tflops = fma_tflops(kernels, device, flush, options.samples, true);
  const int s = kCalibrationGemmSize;
  result.sgemm_tflops = time_gemm(kernels, device, cublas, flush, options.samples, {GemmPrecision::fp32, s, s, s}).tflops;
  result.bf16_gemm_tflops =
      time_gemm(kernels, device, cublas, flush, options.samples, {GemmPrecision::bf16, s, s, s}).tflops;
  for (const GemmShape& shape : options.baselines) {
    result.baselines.push_back(time_gemm(kernels, device, cublas, flush, options.samples, shape));
  }
  return result;
}

}  // namespace kevo::fitness::cuda
