// Seed for tiny_add: a plain loop, unrolled UNROLL times.
#include <cstdint>

#ifndef UNROLL
#define UNROLL 1
#endif

extern "C" void add(const float* a, const float* b, float* c, int64_t n) {
  int64_t i = 0;
  for (; i + UNROLL <= n; i += UNROLL) {
    for (int u = 0; u < UNROLL; ++u) c[i + u] = a[i + u] + b[i + u];
  }
  for (; i < n; ++i) c[i] = a[i] + b[i];
}
