#pragma once
// Fully populated sample values, so that tests notice a field that is lost.
#include <cmath>
#include <limits>

#include "population/evaluation.hpp"
#include "population/variant.hpp"

namespace kevo::test {

inline population::LaunchPlan sample_launch_plan() {
  population::LaunchStep step;
  step.kernel = "matmul_tiled";
  step.grid = {"cdiv(N, TILE)", "cdiv(M, TILE)", "1"};
  step.block = {"TILE", "TILE", "1"};
  step.shared_bytes = "2*TILE*TILE*4";
  step.args = {"A", "B", "C", "tmp", "M", "N", "K"};
  population::LaunchStep reduce;
  reduce.kernel = "reduce";
  reduce.args = {"tmp", "C", "M*N"};
  return {{step, reduce}, {{"tmp", "4*M*N"}}};
}

inline population::Variant sample_variant() {
  population::Variant variant;
  variant.task = "matmul";
  variant.seed_name = "tiled";
  variant.language = population::Language::cuda;
  variant.source = "extern \"C\" __global__ void matmul_tiled(/*...*/) {\n  // \"quoted\"\n}\n";
  variant.knobs = {{"TILE", 16}, {"UNROLL", 4}, {"BIG", std::int64_t{1} << 62}, {"NEG", -3}};
  variant.launch = sample_launch_plan();
  variant.lineage.parent_ids = {std::string(64, 'a'), std::string(64, 'b')};
  variant.lineage.operator_name = "crossover";
  variant.lineage.strategy = "ucb:knobs";
  variant.lineage.generation = 7;
  variant.lineage.island = 2;
  return variant;
}

inline population::Evaluation sample_evaluation(const std::string& variant_id,
                                                const std::string& device_id) {
  population::Evaluation evaluation;
  evaluation.variant_id = variant_id;
  evaluation.device_id = device_id;
  evaluation.status = population::EvalStatus::ok;
  evaluation.error = "warning: unused variable 'x'\n\tin line 3";
  evaluation.timings = {
      {"M=384,N=384,K=384", 1.0 / 3.0, 0.0123456789012345, {0.1, 1e-300, 5e-324, 0.30000000000000004}, 2},
      {"M=37,N=53,K=61", 2.5e-6, 0.0, {}, 0},
  };
  evaluation.max_abs_error = 1.1920928955078125e-07;
  evaluation.max_rel_error = 3.0e-5;
  evaluation.norm_rel_error = 1e-9;
  evaluation.flops_per_second = 1.234567890123e12;
  evaluation.bytes_per_second = 9.87654321e11;
  evaluation.roofline_fraction = 0.7071067811865476;
  evaluation.bound = "compute";
  evaluation.compile_seconds = 0.42;
  evaluation.compile_cache_hit = true;
  evaluation.resources = population::KernelResources{168, 49152 + 1024, 16, 0.375};
  evaluation.cost = population::EvaluationCost{0.125, 0.5, 0.0625, 1.75, 0.03125};
  // Two launch steps' hardware counters, as CUPTI names them.
  evaluation.counters = population::CounterProfile{
      {{"gemm_main", {{"dram__bytes_read.sum", 1.5e9}, {"lts__t_sector_hit_rate.pct", 81.25}}},
       {"gemm_epilogue", {{"dram__bytes_read.sum", 2.5e7}, {"gpu__time_duration.sum", 12288}}}},
      13,
      0.4375,
      "latency"};
  return evaluation;
}

// Field-by-field equality that treats NaN as equal to NaN: the archive and
// JSON must bring NaN back, and NaN != NaN would hide that.
inline bool same_double(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return a == b && std::signbit(a) == std::signbit(b);
}

inline bool same_timing(const population::SizeTiming& a, const population::SizeTiming& b) {
  if (a.size_label != b.size_label || a.retimes != b.retimes) return false;
  if (!same_double(a.median_seconds, b.median_seconds) || !same_double(a.spread, b.spread)) {
    return false;
  }
  if (a.samples.size() != b.samples.size()) return false;
  for (std::size_t i = 0; i < a.samples.size(); ++i) {
    if (!same_double(a.samples[i], b.samples[i])) return false;
  }
  return true;
}

inline bool same_evaluation(const population::Evaluation& a, const population::Evaluation& b) {
  if (a.timings.size() != b.timings.size()) return false;
  for (std::size_t i = 0; i < a.timings.size(); ++i) {
    if (!same_timing(a.timings[i], b.timings[i])) return false;
  }
  const bool same_roofline =
      a.roofline_fraction.has_value() == b.roofline_fraction.has_value() &&
      (!a.roofline_fraction || same_double(*a.roofline_fraction, *b.roofline_fraction));
  return a.variant_id == b.variant_id && a.device_id == b.device_id && a.status == b.status &&
         a.error == b.error && same_double(a.max_abs_error, b.max_abs_error) &&
         same_double(a.max_rel_error, b.max_rel_error) &&
         same_double(a.norm_rel_error, b.norm_rel_error) &&
         same_double(a.flops_per_second, b.flops_per_second) &&
         same_double(a.bytes_per_second, b.bytes_per_second) && same_roofline &&
         a.bound == b.bound && same_double(a.compile_seconds, b.compile_seconds) &&
         a.compile_cache_hit == b.compile_cache_hit && a.resources == b.resources && a.cost == b.cost &&
         a.counters == b.counters;
}

inline bool same_variant(const population::Variant& a, const population::Variant& b) {
  return a.task == b.task && a.seed_name == b.seed_name && a.language == b.language &&
         a.source == b.source && a.knobs == b.knobs && a.launch == b.launch &&
         a.lineage.parent_ids == b.lineage.parent_ids &&
         a.lineage.operator_name == b.lineage.operator_name &&
         a.lineage.strategy == b.lineage.strategy &&
         a.lineage.generation == b.lineage.generation && a.lineage.island == b.lineage.island;
}

}  // namespace kevo::test
