#include "fitness/protocol/normal_draw.hpp"

#include <array>
#include <cmath>

#include "fitness/protocol/random.hpp"

namespace kevo::fitness::protocol {

namespace {

constexpr int kLayers = kZigguratLayers;
constexpr double kTailStart = 3.6541528853610088;     // R: where the base layer's tail begins
constexpr double kLayerArea = 0.00492867323399;        // V: the area of each layer

ZigguratTables make_tables() {
  ZigguratTables t;
  double f = std::exp(-0.5 * kTailStart * kTailStart);
  t.x[0] = kLayerArea / f;
  t.x[1] = kTailStart;
  t.x[kLayers] = 0;
  for (int i = 2; i < kLayers; ++i) {
    t.x[i] = std::sqrt(-2 * std::log(kLayerArea / t.x[i - 1] + f));
    f = std::exp(-0.5 * t.x[i] * t.x[i]);
  }
  for (int i = 0; i < kLayers; ++i) t.inner[i] = t.x[i + 1] / t.x[i];
  for (int i = 0; i <= kLayers; ++i) t.f[i] = std::exp(-0.5 * t.x[i] * t.x[i]);
  return t;
}


// The hashes one element may use: eight in its own counter range, then a
// stream of its own (needed with probability far below 1e-12).
class ElementDraws {
 public:
  ElementDraws(std::uint64_t stream, std::uint64_t element) : stream_(stream), element_(element) {}
  std::uint64_t next() {
    const std::uint64_t k = used_++;
    return k < 8 ? counter_bits(stream_, element_ * 8 + k) : counter_bits(mix64(stream_ ^ mix64(element_)), k);
  }

 private:
  std::uint64_t stream_;
  std::uint64_t element_;
  std::uint64_t used_ = 0;
};

double tail(bool negative, ElementDraws& draws) {
  double x = 0;
  double y = 0;
  do {
    x = std::log(open_unit_interval(draws.next())) / kTailStart;
    y = std::log(open_unit_interval(draws.next()));
  } while (-2 * y < x * x);
  return negative ? x - kTailStart : kTailStart - x;
}

}  // namespace

const ZigguratTables& ziggurat_tables() {
  static const ZigguratTables computed = make_tables();  // immutable after the first call
  return computed;
}

double standard_normal_slow(std::uint64_t stream, std::uint64_t element, std::uint64_t first_bits) {
  const ZigguratTables& t = ziggurat_tables();
  ElementDraws draws(stream, element);
  draws.next();  // the first hash, which the caller drew and passes in
  for (std::uint64_t bits = first_bits;; bits = draws.next()) {
    const double u = 2 * unit_interval(bits) - 1;
    const auto layer = static_cast<int>(bits & 0xFF);
    if (std::fabs(u) < t.inner[layer]) return u * t.x[layer];
    if (layer == 0) return tail(u < 0, draws);
    // In the wedge between the layer's rectangle and the curve: accept under the density.
    const double x = u * t.x[layer];
    if (t.f[layer + 1] + unit_interval(draws.next()) * (t.f[layer] - t.f[layer + 1]) < std::exp(-0.5 * x * x)) return x;
  }
}

}  // namespace kevo::fitness::protocol
