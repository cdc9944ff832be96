#pragma once
// `kevo calibrate`: measures what a GPU really delivers, so that roofline
// fractions are fractions of reachable ceilings, not of datasheet numbers:
//   - copy bandwidth: a large device-to-device copy (cuMemcpy and a 16-byte
//     grid-stride copy kernel; the faster counts), bytes read plus written;
//   - FMA rate in fp32 and fp64: independent FMA chains on every SM;
//   - GEMM rates through cuBLAS at 8192^3: SGEMM (fp32, no TF32) and bf16
//     tensor cores (fp32 accumulate);
//   - optionally, cuBLAS at the sizes of a benchmark, as its baselines.
// Every figure is the median of event-timed samples with the L2 flushed in
// between, on random (never zero) data.
#include <string>
#include <vector>

#include "fitness/context.hpp"
#include "fitness/cuda/cublas_api.hpp"
#include "fitness/cuda/cuda_device.hpp"

namespace kevo::fitness::cuda {

struct GemmShape {
  GemmPrecision precision = GemmPrecision::fp32;
  int m = 0, n = 0, k = 0;
  std::string label() const;  // "fp32 4096x4096x4096"
};

// "4096x4096x4096:fp32" or "8192x8192x8192:bf16"; throws std::invalid_argument.
GemmShape parse_gemm_shape(const std::string& text);

struct GemmTiming {
  GemmShape shape;
  double median_seconds = 0;
  double tflops = 0;
};

struct Calibration {
  DeviceFacts facts;
  double copy_bandwidth_gbs = 0;
  double fp32_fma_tflops = 0;
  double fp64_fma_tflops = 0;
  double sgemm_tflops = 0;      // cuBLAS SGEMM 8192^3
  double bf16_gemm_tflops = 0;  // cuBLAS bf16 tensor-core GEMM 8192^3
  std::vector<GemmTiming> baselines;
};

struct CalibrationOptions {
  int ordinal = 0;
  int samples = 20;
  std::vector<GemmShape> baselines;
};

// Throws std::runtime_error naming the device when it cannot be opened.
Calibration calibrate(const Context& context, const CalibrationOptions& options);

}  // namespace kevo::fitness::cuda
