// Reference for vadd: z = x + 2*y, computed in double.
#include <cstdint>

void reference(const float* x, const float* y, float* z, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    z[i] = static_cast<float>(static_cast<double>(x[i]) + 2.0 * static_cast<double>(y[i]));
  }
}
