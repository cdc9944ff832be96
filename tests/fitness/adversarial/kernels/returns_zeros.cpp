// Cheat: skips the work and writes zeros.
#include <cstdint>

void vadd(const float*, const float*, float* z, int64_t n) {
  for (int64_t i = 0; i < n; ++i) z[i] = 0.0f;
}
