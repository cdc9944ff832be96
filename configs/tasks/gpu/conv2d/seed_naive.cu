// conv2d: 3x3 convolution (cross-correlation), stride 1, zero padding 1, fp32, NCHW:
//   y[n][k][h][v] = sum_{c, r, s} x[n][c][h + r - 1][v + s - 1] * w[k][c][r][s]
// x [N, C, H, W], w [K, C, 3, 3], y [N, K, H, W].
// One thread per output element (a 1-D grid over N * K * H * W, v fastest): a plain loop
// over c, r, s with bounds checks for the padding; fp32 accumulation.
//
// Knobs (all -DNAME=value; the defaults below are the seed point):
//   BLOCK  threads per block; the grid is cdiv(N * K * H * W, BLOCK)
#ifndef BLOCK
#define BLOCK 256
#endif

extern "C" __global__ void __launch_bounds__(BLOCK) conv2d(const float* x, const float* w, float* y, long long N,
                                                           long long C, long long H, long long W, long long K) {
  const long long e = static_cast<long long>(blockIdx.x) * BLOCK + threadIdx.x;
  if (e >= N * K * H * W) return;
  const long long v = e % W, h = (e / W) % H, k = (e / (W * H)) % K, n = e / (W * H * K);
  float acc = 0.0f;
  for (long long c = 0; c < C; ++c) {
    const float* xc = x + (n * C + c) * H * W;
    const float* wc = w + (k * C + c) * 9;
    for (int r = 0; r < 3; ++r) {
      const long long hh = h + r - 1;
      if (hh < 0 || hh >= H) continue;
      for (int s = 0; s < 3; ++s) {
        const long long vv = v + s - 1;
        if (vv < 0 || vv >= W) continue;
        acc = fmaf(xc[hh * W + vv], wc[r * 3 + s], acc);
      }
    }
  }
  y[e] = acc;
}
