// analyze_roofline: the regime follows the ridge point, the bound follows the
// fraction of the roof (>= 0.5: that roof; below: latency), and the
// explanation is one line a person or a prompt can act on.
#include <limits>
#include <optional>
#include <stdexcept>

#include "catch_compat.hpp"
#include "fitness/hardware/roofline.hpp"

using namespace kevo::fitness::hardware;
using kevo::population::KernelResources;

namespace {

// 3 TB/s measured, 60 TFLOP/s fp32 datasheet: ridge at 20 FLOP/byte.
Ceilings test_ceilings() {
  Ceilings ceilings;
  ceilings.precision = Precision::fp32;
  ceilings.bytes_per_second = 3e12;
  ceilings.flops_per_second = 60e12;
  ceilings.bandwidth_measured = true;
  ceilings.bandwidth_source = "measured 2026-11-25";
  ceilings.flops_source = "datasheet";
  return ceilings;
}

}  // namespace

TEST_CASE("a memory-bound kernel at 90 percent of bandwidth", "[roofline]") {
  // 2.7 GB moved and 0.27 GFLOP in 1 ms: intensity 0.1, 2.7 TB/s.
  const RooflineReport report = analyze_roofline(2.7e8, 2.7e9, 1e-3, test_ceilings(), std::nullopt);
  CHECK(report.arithmetic_intensity == Approx(0.1));
  CHECK(report.ridge_intensity == Approx(20));
  CHECK(report.achieved_bytes_per_second == Approx(2.7e12));
  CHECK(report.attainable_flops_per_second == Approx(0.3e12));
  CHECK(report.fraction == Approx(0.9));
  CHECK(report.regime == "memory");
  CHECK(report.bound == "memory");
  CHECK(report.explanation == "memory-bound: 2.70 TB/s of 3.00 TB/s measured (90%)");
}

TEST_CASE("a compute-bound kernel near the peak", "[roofline]") {
  // 50 GFLOP over 10 MB in 1 ms: intensity 5000, 50 TFLOP/s of 60.
  const RooflineReport report = analyze_roofline(50e9, 10e6, 1e-3, test_ceilings(), std::nullopt);
  CHECK(report.regime == "compute");
  CHECK(report.bound == "compute");
  CHECK(report.attainable_flops_per_second == Approx(60e12));
  CHECK(report.fraction == Approx(50.0 / 60.0));
  CHECK(report.explanation == "compute-bound: 50.00 TFLOP/s of 60.00 TFLOP/s fp32 datasheet (83%)");
}

TEST_CASE("a kernel at 10 percent of its roof is latency-bound", "[roofline]") {
  KernelResources resources;
  resources.registers_per_thread = 128;
  resources.shared_bytes_per_block = 48 * 1024;
  resources.local_bytes_per_thread = 64;
  resources.occupancy = 0.25;
  const RooflineReport report = analyze_roofline(3e7, 3e8, 1e-3, test_ceilings(), resources);
  CHECK(report.fraction == Approx(0.1));
  CHECK(report.regime == "memory");
  CHECK(report.bound == "latency");
  CHECK_THAT(report.explanation, KEVO_CONTAINS("latency: 10% of the memory roof (0.30 TB/s of 3.00 TB/s measured)"));
  CHECK_THAT(report.explanation, KEVO_CONTAINS("occupancy 25%"));
  CHECK_THAT(report.explanation, KEVO_CONTAINS("128 registers/thread"));
  CHECK_THAT(report.explanation, KEVO_CONTAINS("48 KiB shared memory/block"));
  CHECK_THAT(report.explanation, KEVO_CONTAINS("64 B/thread local memory"));

  const RooflineReport unexplained = analyze_roofline(3e7, 3e8, 1e-3, test_ceilings(), std::nullopt);
  CHECK(unexplained.bound == "latency");
  CHECK_THAT(unexplained.explanation, KEVO_CONTAINS("neither roof is near"));
}

TEST_CASE("the bound switches at half the roof", "[roofline]") {
  CHECK(analyze_roofline(0, 1.5e12, 1.0, test_ceilings(), std::nullopt).bound == "memory");  // exactly 0.5
  CHECK(analyze_roofline(0, 1.49e12, 1.0, test_ceilings(), std::nullopt).bound == "latency");
  CHECK(analyze_roofline(20e6, 1e6, 1e-6, test_ceilings(), std::nullopt).regime == "compute");  // at the ridge
}

TEST_CASE("a kernel without flops is measured by its bytes", "[roofline]") {
  const RooflineReport report = analyze_roofline(0, 2.4e9, 1e-3, test_ceilings(), std::nullopt);
  CHECK(report.arithmetic_intensity == 0);
  CHECK(report.achieved_flops_per_second == 0);
  CHECK(report.attainable_flops_per_second == 0);
  CHECK(report.fraction == Approx(0.8));
  CHECK(report.bound == "memory");
  CHECK(report.explanation == "memory-bound: 2.40 TB/s of 3.00 TB/s measured (80%)");
}

TEST_CASE("a kernel without bytes is measured against the compute roof", "[roofline]") {
  const RooflineReport report = analyze_roofline(45e9, 0, 1e-3, test_ceilings(), std::nullopt);
  CHECK(report.arithmetic_intensity == 0);
  CHECK(report.regime == "compute");
  CHECK(report.attainable_flops_per_second == Approx(60e12));
  CHECK(report.fraction == Approx(0.75));
}

TEST_CASE("a kernel above the roof is flagged", "[roofline]") {
  const RooflineReport report = analyze_roofline(0, 4.5e9, 1e-3, test_ceilings(), std::nullopt);
  CHECK(report.fraction == Approx(1.5));
  CHECK_THAT(report.explanation, KEVO_CONTAINS("above the roof"));
}

TEST_CASE("roofline inputs are validated", "[roofline]") {
  const Ceilings ceilings = test_ceilings();
  CHECK_THROWS_AS(analyze_roofline(1e9, 1e9, 0, ceilings, std::nullopt), std::invalid_argument);
  CHECK_THROWS_AS(analyze_roofline(1e9, 1e9, -1e-3, ceilings, std::nullopt), std::invalid_argument);
  CHECK_THROWS_AS(analyze_roofline(1e9, 1e9, std::numeric_limits<double>::quiet_NaN(), ceilings, std::nullopt),
                  std::invalid_argument);
  CHECK_THROWS_AS(analyze_roofline(-1, 1e9, 1e-3, ceilings, std::nullopt), std::invalid_argument);
  CHECK_THROWS_AS(analyze_roofline(0, 0, 1e-3, ceilings, std::nullopt), std::invalid_argument);
  Ceilings broken = ceilings;
  broken.bytes_per_second = 0;
  CHECK_THROWS_AS(analyze_roofline(1e9, 1e9, 1e-3, broken, std::nullopt), std::invalid_argument);
}
