// Cheat: does only the first half of the work.
#include <cstdint>

void vadd(const float* x, const float* y, float* z, int64_t n) {
  for (int64_t i = 0; i < n / 2; ++i) z[i] = x[i] + 2.0f * y[i];
}
