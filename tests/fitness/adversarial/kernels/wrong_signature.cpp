// Broken: takes its input as non-const float*, so the trampoline cannot call it.
#include <cstdint>

void vadd(float* x, const float* y, float* z, int64_t n) {
  for (int64_t i = 0; i < n; ++i) z[i] = x[i] + 2.0f * y[i];
}
