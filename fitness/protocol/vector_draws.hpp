#pragma once
// The hot loops of input generation, for the dtypes big tensors have (f32
// and f64): uniform draws, and the ziggurat's fast path for normal ones.
// Timing sessions redraw every input before every run, so these loops run
// over hundreds of MiB per evaluation; they are built for AVX-512 and AVX2
// too (GCC's target_clones, chosen at load time for the CPU at hand), with
// the same values bit for bit on every path.
#include <cstdint>

#include "fitness/protocol/normal_draw.hpp"

namespace kevo::fitness::protocol {

// out[i] = a + (b - a) * unit_interval(counter_bits(stream, i)) for i in [begin, end).
void draw_uniform(float* out, std::int64_t begin, std::int64_t end, std::uint64_t stream, double a, double b);
void draw_uniform(double* out, std::int64_t begin, std::int64_t end, std::uint64_t stream, double a, double b);

// out[i] = a + b * (the ziggurat's fast-path value of element i); rejected[i - begin]
// is set where the fast path does not hold and standard_normal_slow() decides.
void draw_normal_fast(float* out, unsigned char* rejected, std::int64_t begin, std::int64_t end,
                      std::uint64_t stream, double a, double b, const ZigguratTables& tables);
void draw_normal_fast(double* out, unsigned char* rejected, std::int64_t begin, std::int64_t end,
                      std::uint64_t stream, double a, double b, const ZigguratTables& tables);

}  // namespace kevo::fitness::protocol
