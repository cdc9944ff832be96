// Reference for triad: a[i] = b[i] + s[0] * c[i], computed in double.
#include <cstdint>

void reference(const float* b, const float* c, const float* s, float* a, int64_t n) {
  const double scalar = s[0];
  for (int64_t i = 0; i < n; ++i) a[i] = static_cast<float>(static_cast<double>(b[i]) + scalar * static_cast<double>(c[i]));
}
