// Reference for softmax: per row, y = exp(x - max) / sum(exp(x - max)), in double.
#include <cmath>
#include <cstdint>

void reference(const float* x, float* y, int64_t R, int64_t C) {
  for (int64_t r = 0; r < R; ++r) {
    const float* xr = x + r * C;
    double m = xr[0];
    for (int64_t j = 1; j < C; ++j) m = std::fmax(m, static_cast<double>(xr[j]));
    double sum = 0.0;
    for (int64_t j = 0; j < C; ++j) sum += std::exp(static_cast<double>(xr[j]) - m);
    for (int64_t j = 0; j < C; ++j) y[r * C + j] = static_cast<float>(std::exp(static_cast<double>(xr[j]) - m) / sum);
  }
}
