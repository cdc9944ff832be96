// Reference for conv2d: 3x3 convolution (cross-correlation), stride 1, zero padding 1,
// NCHW: x [N, C, H, W], w [K, C, 3, 3], y [N, K, H, W]; sums in double.
//   y[n][k][h][v] = sum_{c, r, s} x[n][c][h + r - 1][v + s - 1] * w[k][c][r][s]
#include <cstdint>

void reference(const float* x, const float* w, float* y, int64_t N, int64_t C, int64_t H, int64_t W, int64_t K) {
  for (int64_t n = 0; n < N; ++n)
    for (int64_t k = 0; k < K; ++k)
      for (int64_t h = 0; h < H; ++h)
        for (int64_t v = 0; v < W; ++v) {
          double acc = 0.0;
          for (int64_t c = 0; c < C; ++c)
            for (int64_t r = 0; r < 3; ++r) {
              const int64_t hh = h + r - 1;
              if (hh < 0 || hh >= H) continue;
              for (int64_t s = 0; s < 3; ++s) {
                const int64_t vv = v + s - 1;
                if (vv < 0 || vv >= W) continue;
                acc += static_cast<double>(x[((n * C + c) * H + hh) * W + vv]) *
                       static_cast<double>(w[((k * C + c) * 3 + r) * 3 + s]);
              }
            }
          y[((n * K + k) * H + h) * W + v] = static_cast<float>(acc);
        }
}
