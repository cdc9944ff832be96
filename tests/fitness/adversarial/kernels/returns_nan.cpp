// Cheat/bug: one element is NaN.
#include <cstdint>
#include <limits>

void vadd(const float* x, const float* y, float* z, int64_t n) {
  for (int64_t i = 0; i < n; ++i) z[i] = x[i] + 2.0f * y[i];
  z[n / 2] = std::numeric_limits<float>::quiet_NaN();
}
