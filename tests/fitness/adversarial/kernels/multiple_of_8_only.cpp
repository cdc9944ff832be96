// Bug: assumes n is a multiple of 8 and drops the tail.
#include <cstdint>

void vadd(const float* x, const float* y, float* z, int64_t n) {
  for (int64_t i = 0; i + 8 <= n; i += 8) {
    for (int u = 0; u < 8; ++u) z[i + u] = x[i + u] + 2.0f * y[i + u];
  }
}
