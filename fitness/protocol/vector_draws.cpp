#include "fitness/protocol/vector_draws.hpp"

#include <cmath>

#include "fitness/protocol/random.hpp"

// GCC on x86-64: one clone per instruction set, picked when the library loads.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define KEVO_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define KEVO_VECTOR_CLONES
#endif

namespace kevo::fitness::protocol {

namespace {

template <typename T>
inline void uniform_loop(T* out, std::int64_t begin, std::int64_t end, std::uint64_t stream, double a, double b) {
  const double span = b - a;
  for (std::int64_t i = begin; i < end; ++i) {
    out[i] = static_cast<T>(a + span * unit_interval(counter_bits(stream, static_cast<std::uint64_t>(i))));
  }
}

template <typename T>
inline void normal_loop(T* out, unsigned char* rejected, std::int64_t begin, std::int64_t end, std::uint64_t stream,
                        double a, double b, const ZigguratTables& tables) {
  const double* x = tables.x.data();
  const double* inner = tables.inner.data();
  for (std::int64_t i = begin; i < end; ++i) {
    const std::uint64_t bits = counter_bits(stream, static_cast<std::uint64_t>(i) * 8);
    const double u = 2 * unit_interval(bits) - 1;
    const auto layer = static_cast<std::int64_t>(bits & 0xFF);  // 64-bit: a gather the vectoriser takes
    const double edge = x[layer];
    const double inside = inner[layer];
    out[i] = static_cast<T>(a + b * (u * edge));
    rejected[i - begin] = static_cast<unsigned char>(std::fabs(u) >= inside);
  }
}

}  // namespace

KEVO_VECTOR_CLONES
void draw_uniform(float* out, std::int64_t begin, std::int64_t end, std::uint64_t stream, double a, double b) {
  uniform_loop(out, begin, end, stream, a, b);
}

KEVO_VECTOR_CLONES
void draw_uniform(double* out, std::int64_t begin, std::int64_t end, std::uint64_t stream, double a, double b) {
  uniform_loop(out, begin, end, stream, a, b);
}

KEVO_VECTOR_CLONES
void draw_normal_fast(float* out, unsigned char* rejected, std::int64_t begin, std::int64_t end,
                      std::uint64_t stream, double a, double b, const ZigguratTables& tables) {
  normal_loop(out, rejected, begin, end, stream, a, b, tables);
}

KEVO_VECTOR_CLONES
void draw_normal_fast(double* out, unsigned char* rejected, std::int64_t begin, std::int64_t end,
                      std::uint64_t stream, double a, double b, const ZigguratTables& tables) {
  normal_loop(out, rejected, begin, end, stream, a, b, tables);
}

}  // namespace kevo::fitness::protocol
