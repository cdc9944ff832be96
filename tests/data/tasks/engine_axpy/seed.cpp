#include <cstdint>
#ifndef UNROLL
#define UNROLL 1
#endif
#ifndef BLOCK
#define BLOCK 16
#endif
#ifndef REVERSE
#define REVERSE 0
#endif

void axpy(const float* x, const float* z, float* y, int64_t n) {
  for (int64_t b = 0; b < n; b += BLOCK) {
    const int64_t block = (b + BLOCK <= n) ? BLOCK : n - b;
    const int64_t base = REVERSE ? n - b - block : b;
    int64_t i = 0;
    for (; i + UNROLL <= block; i += UNROLL)
      for (int u = 0; u < UNROLL; ++u) y[base + i + u] = 2.0f * x[base + i + u] + z[base + i + u];
    for (; i < block; ++i) y[base + i] = 2.0f * x[base + i] + z[base + i];
  }
}
