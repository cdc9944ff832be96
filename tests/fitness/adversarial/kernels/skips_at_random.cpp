// Cheat: skips the work on about half of its launches, at random (a fixed
// seed, so the test is repeatable: the first launch of a process works, the
// next two skip).
#include <cstdint>

void vadd(const float* x, const float* y, float* z, int64_t n) {
  static uint64_t state = 0x9E3779B97F4A7C15ull;
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  if ((state >> 32) & 1) return;
  for (int64_t i = 0; i < n; ++i) z[i] = x[i] + 2.0f * y[i];
}
