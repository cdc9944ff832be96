// The honest kernel: z = x + 2*y, UNROLL elements per iteration.
#include <cstdint>

#ifndef UNROLL
#define UNROLL 1
#endif

void vadd(const float* x, const float* y, float* z, int64_t n) {
  int64_t i = 0;
  for (; i + UNROLL <= n; i += UNROLL) {
    for (int u = 0; u < UNROLL; ++u) z[i + u] = x[i + u] + 2.0f * y[i + u];
  }
  for (; i < n; ++i) z[i] = x[i] + 2.0f * y[i];
}
