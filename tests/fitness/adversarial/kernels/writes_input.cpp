// Cheat: right answer, but it scribbles on its input (say, as a cache).
#include <cstdint>

void vadd(const float* x, const float* y, float* z, int64_t n) {
  for (int64_t i = 0; i < n; ++i) z[i] = x[i] + 2.0f * y[i];
  const_cast<float*>(x)[0] = 42.0f;
}
