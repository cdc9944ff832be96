// Bug: an off-by-one write just past the end of its output.
#include <cstdint>

void vadd(const float* x, const float* y, float* z, int64_t n) {
  for (int64_t i = 0; i <= n; ++i) z[i] = (i < n) ? x[i] + 2.0f * y[i] : 0.0f;
}
