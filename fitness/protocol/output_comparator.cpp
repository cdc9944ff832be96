#include "fitness/protocol/output_comparator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "fitness/protocol/bfloat16.hpp"
#include "fitness/protocol/parallel_chunks.hpp"
#include "fitness/protocol/poison.hpp"

namespace kevo::fitness::protocol {

namespace {

// Inline in the comparison's loops; load_element() is the same for callers outside.
inline double load(DType dtype, const void* data, std::int64_t index) {
  switch (dtype) {
    case DType::f32: return static_cast<const float*>(data)[index];
    case DType::f64: return static_cast<const double*>(data)[index];
    case DType::i32: return static_cast<double>(static_cast<const std::int32_t*>(data)[index]);
    case DType::i64: return static_cast<double>(static_cast<const std::int64_t*>(data)[index]);
    case DType::bf16: return from_bfloat16(static_cast<const std::uint16_t*>(data)[index]);
  }
  throw std::logic_error("unknown dtype");
}

std::string format_number(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char text[40];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

std::string describe_element(const std::string& name, std::int64_t index) {
  return "output " + name + "[" + std::to_string(index) + "]";
}

void check_norm(const std::string& name, std::int64_t count, double diff_squared, double ref_squared,
                const Tolerance& tol, Comparison& result) {
  const double diff_norm = std::sqrt(diff_squared);
  const double ref_norm = std::sqrt(ref_squared);
  result.norm_rel_error = ref_norm > 0 ? diff_norm / ref_norm : diff_norm;
  const double allowed = tol.norm_rel * ref_norm + tol.abs * std::sqrt(static_cast<double>(count));
  if (!result.pass || diff_norm <= allowed) return;
  result.pass = false;
  result.failure = "output " + name + ": norm-relative error " +
                   format_number(result.norm_rel_error) + " exceeds " +
                   format_number(tol.norm_rel) + " (||out - ref|| = " + format_number(diff_norm) +
                   ", allowed " + format_number(allowed) + ")";
}

struct Norms {
  double diff_squared = 0;
  double ref_squared = 0;
};

// One chunk's share: the first failure in it, its count, its norms and maxima.
struct ChunkResult {
  std::string first_failure;
  std::int64_t failing = 0;
  Norms norms;
  double max_abs = 0;
  double max_rel = 0;
};

ChunkResult compare_chunk(const std::string& name, DType dtype, const void* output, const void* reference,
                          std::int64_t begin, std::int64_t end, const Tolerance& tolerance) {
  ChunkResult chunk;
  // Floating-point poison is a NaN, so a finite element within tolerance
  // cannot be poison: the common case skips the full diagnosis.
  const bool poison_is_nan = dtype == DType::f32 || dtype == DType::f64 || dtype == DType::bf16;
  for (std::int64_t i = begin; i < end; ++i) {
    const double out = load(dtype, output, i);
    const double ref = load(dtype, reference, i);
    const double diff = std::fabs(out - ref);
    const bool plainly_passes =
        poison_is_nan && std::isfinite(out) && diff <= tolerance.abs + tolerance.rel * std::fabs(ref);
    if (!plainly_passes) {
      const auto* element = static_cast<const unsigned char*>(output) + static_cast<std::size_t>(i) * dtype_size(dtype);
      std::string why = element_failure(name, dtype, element, i, ref, tolerance);
      if (!why.empty() && chunk.failing++ == 0) chunk.first_failure = std::move(why);
    }
    if (!std::isfinite(out)) continue;
    chunk.norms.diff_squared += diff * diff;
    chunk.norms.ref_squared += ref * ref;
    chunk.max_abs = std::max(chunk.max_abs, diff);
    // Below |ref| = abs the allclose rule is governed by its absolute term, and
    // a relative error there only measures how close to zero ref happens to be.
    if (std::fabs(ref) >= tolerance.abs && ref != 0) chunk.max_rel = std::max(chunk.max_rel, diff / std::fabs(ref));
  }
  return chunk;
}

}  // namespace

Comparison compare_output(const std::string& name, DType dtype, const void* output,
                          const void* reference, std::int64_t count, const Tolerance& tolerance) {
  constexpr std::int64_t kChunkElements = std::int64_t{1} << 20;
  const std::int64_t chunks = std::max<std::int64_t>(1, (count + kChunkElements - 1) / kChunkElements);
  std::vector<ChunkResult> parts(static_cast<std::size_t>(chunks));
  for_each_chunk(chunks, [&](std::int64_t c) {
    parts[static_cast<std::size_t>(c)] = compare_chunk(name, dtype, output, reference, c * kChunkElements,
                                                       std::min(count, (c + 1) * kChunkElements), tolerance);
  });
  // Combined in chunk order: the first failure named is the lowest index.
  ComparisonCounts counts;
  for (ChunkResult& part : parts) {
    if (part.failing > 0 && counts.failing == 0) counts.first_failure = std::move(part.first_failure);
    counts.failing += part.failing;
    counts.diff_squared += part.norms.diff_squared;
    counts.ref_squared += part.norms.ref_squared;
    counts.max_abs = std::max(counts.max_abs, part.max_abs);
    counts.max_rel = std::max(counts.max_rel, part.max_rel);
  }
  return comparison_from_counts(name, count, counts, tolerance);
}

Comparison comparison_from_counts(const std::string& name, std::int64_t count, const ComparisonCounts& counts,
                                  const Tolerance& tolerance) {
  Comparison result;
  result.failing_elements = counts.failing;
  result.failure = counts.first_failure;
  result.max_abs_error = counts.max_abs;
  result.max_rel_error = counts.max_rel;
  result.pass = counts.failing == 0;
  if (counts.failing > 1) {
    result.failure += "; " + std::to_string(counts.failing) + " of " + std::to_string(count) + " elements fail";
  }
  check_norm(name, count, counts.diff_squared, counts.ref_squared, tolerance, result);
  return result;
}

std::string element_failure(const std::string& name, DType dtype, const void* element, std::int64_t index,
                            double ref, const Tolerance& tol) {
  const double out = load_element(dtype, element, 0);
  if (out == ref && std::isfinite(out)) return "";
  if (is_poison(dtype, element, 0)) return describe_element(name, index) + " not written (still poison)";
  if (!std::isfinite(out)) return describe_element(name, index) + " = " + format_number(out);
  const double diff = std::fabs(out - ref);
  if (diff <= tol.abs + tol.rel * std::fabs(ref)) return "";
  std::string errors = "abs err " + format_number(diff);
  if (ref != 0) errors += ", rel err " + format_number(diff / std::fabs(ref));
  return describe_element(name, index) + " = " + format_number(out) + ", expected " + format_number(ref) + " (" +
         errors + ")";
}

std::string invalid_element(const std::string& name, DType dtype, const void* data, std::int64_t count) {
  constexpr std::int64_t kChunkElements = std::int64_t{1} << 20;
  const std::int64_t chunks = std::max<std::int64_t>(1, (count + kChunkElements - 1) / kChunkElements);
  std::vector<std::int64_t> first_bad(static_cast<std::size_t>(chunks), -1);
  for_each_chunk(chunks, [&](std::int64_t c) {
    for (std::int64_t i = c * kChunkElements, end = std::min(count, (c + 1) * kChunkElements); i < end; ++i) {
      if (std::isfinite(load(dtype, data, i)) && !is_poison(dtype, data, i)) continue;
      first_bad[static_cast<std::size_t>(c)] = i;
      return;
    }
  });
  for (const std::int64_t at : first_bad) {
    if (at < 0) continue;
    const auto* element = static_cast<const unsigned char*>(data) + static_cast<std::size_t>(at) * dtype_size(dtype);
    if (is_poison(dtype, element, 0)) return describe_element(name, at) + " not written (still poison)";
    return describe_element(name, at) + " = " + format_number(load_element(dtype, element, 0));
  }
  return "";
}

double load_element(DType dtype, const void* data, std::int64_t index) { return load(dtype, data, index); }

void merge_into(Comparison& total, const Comparison& part) {
  if (total.pass && !part.pass) {
    total.pass = false;
    total.failure = part.failure;
  }
  total.failing_elements += part.failing_elements;
  total.max_abs_error = std::max(total.max_abs_error, part.max_abs_error);
  total.max_rel_error = std::max(total.max_rel_error, part.max_rel_error);
  total.norm_rel_error = std::max(total.norm_rel_error, part.norm_rel_error);
}

}  // namespace kevo::fitness::protocol
