#pragma once
// Standard normal values for the counter-based input generator: element i of
// a stream is N(0, 1), a pure function of (stream, i), drawn by the
// ziggurat method (Marsaglia and Tsang; Doornik's ZIGNOR form, 256 layers).
// About 98.5% of draws take one 64-bit hash, a table lookup and a multiply,
// which keeps redrawing hundreds of MiB of inputs before every timed run
// affordable on a CPU. Rejected draws take further hashes of the same
// element (counters i*8+1, i*8+2, ...), so the result never depends on the
// order in which elements are drawn.
#include <array>
#include <cmath>
#include <cstdint>

#include "fitness/protocol/random.hpp"

namespace kevo::fitness::protocol {

// The ziggurat's tables, which GPU workers upload so the device draws the
// host's values (fitness/gpu/protocol_kernels.hpp).
inline constexpr int kZigguratLayers = 256;
struct ZigguratTables {
  std::array<double, kZigguratLayers + 1> x{};   // layer edges, x[1] = R, x[256] = 0
  std::array<double, kZigguratLayers> inner{};   // x[i+1] / x[i]: below it a draw is inside the layer's rectangle
  std::array<double, kZigguratLayers + 1> f{};   // exp(-x[i]^2 / 2): the density at each edge, for the wedge test
};
const ZigguratTables& ziggurat_tables();

// The ziggurat's rejection path: the base layer's tail, or a wedge test
// that failed; `bits` is the element's first hash.
double standard_normal_slow(std::uint64_t stream, std::uint64_t element, std::uint64_t bits);

// Inline: the first hash's fast path is almost every draw.
inline double standard_normal(const ZigguratTables& tables, std::uint64_t stream, std::uint64_t element) {
  const std::uint64_t bits = counter_bits(stream, element * 8);
  const double u = 2 * unit_interval(bits) - 1;      // bits 11..63
  const auto layer = static_cast<int>(bits & 0xFF);  // bits 0..7: independent of u
  if (std::fabs(u) < tables.inner[layer]) return u * tables.x[layer];
  return standard_normal_slow(stream, element, bits);
}

inline double standard_normal(std::uint64_t stream, std::uint64_t element) {
  return standard_normal(ziggurat_tables(), stream, element);
}

}  // namespace kevo::fitness::protocol
