// Broken: a syntax error the repair operator must see verbatim.
#include <cstdint>

void vadd(const float* x, const float* y, float* z, int64_t n) {
  for (int64_t i = 0; i < n; ++i) z[i] = x[i] + 2.0f * y[i]
}
