// Reference for transpose: y[j][i] = x[i][j], x row-major [R, C], y row-major [C, R].
#include <cstdint>

void reference(const float* x, float* y, int64_t R, int64_t C) {
  for (int64_t i = 0; i < R; ++i)
    for (int64_t j = 0; j < C; ++j) y[j * R + i] = x[i * C + j];
}
