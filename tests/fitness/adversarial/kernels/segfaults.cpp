// Crash: writes to an unmapped address (volatile, so the store cannot be optimized away).
#include <cstdint>

void vadd(const float* x, const float* y, float* z, int64_t n) {
  for (int64_t i = 0; i < n; ++i) z[i] = x[i] + 2.0f * y[i];
  volatile float* nowhere = reinterpret_cast<volatile float*>(std::uintptr_t{64});
  *nowhere = 1.0f;
}
