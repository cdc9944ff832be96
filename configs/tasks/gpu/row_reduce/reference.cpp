// Reference for row_reduce: out[r] = sum_j x[r][j], accumulated in double.
#include <cstdint>

void reference(const float* x, float* out, int64_t R, int64_t C) {
  for (int64_t r = 0; r < R; ++r) {
    double acc = 0.0;
    for (int64_t j = 0; j < C; ++j) acc += static_cast<double>(x[r * C + j]);
    out[r] = static_cast<float>(acc);
  }
}
