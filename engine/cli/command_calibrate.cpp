// kevo calibrate [--device cuda:N] [--baseline MxNxK:fp32|bf16]... [--no-save]:
// measures the GPU's real ceilings (copy bandwidth, FMA rates, cuBLAS GEMM
// rates) and stores them as hardware_profiles/measured/<profile>.yaml, which
// every later roofline position on that model uses. --baseline also times
// cuBLAS at benchmark sizes (printed, not stored).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>

#include "engine/cli/command_options.hpp"
#include "fitness/cuda/calibration.hpp"
#include "fitness/device_spec.hpp"
#include "fitness/hardware/measured_ceilings.hpp"
#include "fitness/hardware/profile_catalog.hpp"

namespace kevo::engine::cli {

namespace {

std::string today() {
  const std::time_t now = std::time(nullptr);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", std::gmtime(&now));
  return text;
}

std::string host_name() {
  char name[256] = {};
  ::gethostname(name, sizeof name - 1);
  return name;
}

fitness::hardware::MeasuredCeilings measured_from(const fitness::cuda::Calibration& c, const std::string& id) {
  using fitness::hardware::Precision;
  fitness::hardware::MeasuredCeilings m;
  m.id = id;
  m.device_name = c.facts.name;
  m.measured_on = today();
  m.host = host_name();
  m.copy_bandwidth_gbs = c.copy_bandwidth_gbs;
  m.peak_tflops[Precision::fp32] = std::max(c.fp32_fma_tflops, c.sgemm_tflops);
  m.peak_tflops[Precision::fp64] = c.fp64_fma_tflops;
  m.peak_tflops[Precision::bf16_tensor] = c.bf16_gemm_tflops;
  return m;
}

void print(const fitness::cuda::Calibration& c) {
  std::printf("device        %s (%s, %d SMs, L2 %d MiB)\n", c.facts.id().c_str(), c.facts.arch.c_str(),
              c.facts.multiprocessors, c.facts.l2_bytes >> 20);
  std::printf("copy          %.1f GB/s (bytes read + written)\n", c.copy_bandwidth_gbs);
  std::printf("fp32 FMA      %.1f TFLOP/s\n", c.fp32_fma_tflops);
  std::printf("fp64 FMA      %.1f TFLOP/s\n", c.fp64_fma_tflops);
  std::printf("cuBLAS SGEMM  %.1f TFLOP/s (8192^3)\n", c.sgemm_tflops);
  std::printf("cuBLAS bf16   %.1f TFLOP/s (8192^3, tensor cores)\n", c.bf16_gemm_tflops);
  for (const auto& b : c.baselines) {
    std::printf("baseline cublas %s: %.4f ms %.1f TFLOP/s\n", b.shape.label().c_str(), b.median_seconds * 1e3,
                b.tflops);
  }
}

}  // namespace

int calibrate_command(const Arguments& args) {
  po::options_description options("kevo calibrate options");
  std::string device_text = "cuda";
  std::vector<std::string> baselines;
  int samples = 20;
  bool no_save = false;
  options.add_options()("device", po::value(&device_text), "GPU to measure: cuda or cuda:N (default cuda)")(
      "baseline", po::value(&baselines)->composing(), "also time cuBLAS at MxNxK:fp32 or MxNxK:bf16 (repeatable)")(
      "samples", po::value(&samples), "timed samples per figure (default 20)")(
      "no-save", po::bool_switch(&no_save), "print only; do not write hardware_profiles/measured/");
  po::positional_options_description positional;
  po::variables_map values;
  if (!parse_options(args, "usage: kevo calibrate [--device cuda:N] [--baseline MxNxK:fp32]...", options,
                     positional, values)) {
    return kExitOk;
  }
  const auto device = fitness::parse_device_spec(device_text);
  if (!device || device->backend != fitness::DeviceSpec::Backend::cuda) {
    std::cerr << "kevo calibrate: --device " << device_text << ": not a GPU; use cuda or cuda:N\n";
    return kExitBadInput;
  }
  fitness::cuda::CalibrationOptions calibration_options;
  calibration_options.ordinal = device->ordinal;
  calibration_options.samples = std::max(3, samples);
  try {
    for (const std::string& text : baselines) calibration_options.baselines.push_back(fitness::cuda::parse_gemm_shape(text));
  } catch (const std::invalid_argument& error) {
    std::cerr << "kevo calibrate: --baseline " << error.what() << "\n";
    return kExitBadInput;
  }
  try {
    const fitness::Context context = make_context(".kevo-cache", 2);
    const fitness::cuda::Calibration result = fitness::cuda::calibrate(context, calibration_options);
    print(result);
    if (no_save) return kExitOk;
    if (context.profiles_dir.empty()) {
      std::cerr << "kevo calibrate: hardware_profiles/ not found; set KEVO_PROFILES_DIR to store the figures\n";
      return kExitFailure;
    }
    const auto catalog = fitness::hardware::ProfileCatalog::load(context.profiles_dir);
    const auto& profile = catalog.match(result.facts.name, fitness::hardware::Vendor::nvidia);
    const auto file = context.profiles_dir / "measured" / (profile.id + ".yaml");
    fitness::hardware::save_measured(file, measured_from(result, profile.id));
    std::printf("stored        %s\n", file.string().c_str());
    return kExitOk;
  } catch (const std::exception& error) {
    std::cerr << "kevo calibrate: " << error.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace kevo::engine::cli
