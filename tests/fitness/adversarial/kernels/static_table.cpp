// Legitimate state: a lookup table built on the first call and only read
// afterwards. It holds constants, not results, and must pass.
#include <cstdint>

namespace {
struct Table {
  float scale[4];
  Table() {
    for (int k = 0; k < 4; ++k) scale[k] = static_cast<float>(k);
  }
};
}  // namespace

void vadd(const float* x, const float* y, float* z, int64_t n) {
  static const Table table;
  for (int64_t i = 0; i < n; ++i) z[i] = x[i] + table.scale[2] * y[i];
}
