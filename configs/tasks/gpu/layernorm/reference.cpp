// Reference for layernorm: per row, mean and (biased) variance in double (two passes),
// y = (x - mean) / sqrt(var + 1e-5) * gamma + beta.
#include <cmath>
#include <cstdint>

void reference(const float* x, const float* gamma, const float* beta, float* y, int64_t R, int64_t C) {
  for (int64_t r = 0; r < R; ++r) {
    const float* xr = x + r * C;
    double sum = 0.0;
    for (int64_t j = 0; j < C; ++j) sum += static_cast<double>(xr[j]);
    const double mean = sum / static_cast<double>(C);
    double sq = 0.0;
    for (int64_t j = 0; j < C; ++j) {
      const double d = static_cast<double>(xr[j]) - mean;
      sq += d * d;
    }
    const double rstd = 1.0 / std::sqrt(sq / static_cast<double>(C) + 1e-5);
    for (int64_t j = 0; j < C; ++j)
      y[r * C + j] = static_cast<float>((static_cast<double>(xr[j]) - mean) * rstd * static_cast<double>(gamma[j]) +
                                        static_cast<double>(beta[j]));
  }
}
