// GPU reference for conv2d (3x3, stride 1, zero padding 1, NCHW): one thread per output
// element, sums in double.
//   y[n][k][h][v] = sum_{c, r, s} x[n][c][h + r - 1][v + s - 1] * w[k][c][r][s]
extern "C" __global__ void conv2d_reference(const float* x, const float* w, float* y, long long N, long long C,
                                            long long H, long long W, long long K) {
  const long long e = static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (e >= N * K * H * W) return;
  const long long v = e % W, h = (e / W) % H, k = (e / (W * H)) % K, n = e / (W * H * K);
  double acc = 0.0;
  for (long long c = 0; c < C; ++c)
    for (long long r = 0; r < 3; ++r) {
      const long long hh = h + r - 1;
      if (hh < 0 || hh >= H) continue;
      for (long long s = 0; s < 3; ++s) {
        const long long vv = v + s - 1;
        if (vv < 0 || vv >= W) continue;
        acc += static_cast<double>(x[((n * C + c) * H + hh) * W + vv]) *
               static_cast<double>(w[((k * C + c) * 3 + r) * 3 + s]);
      }
    }
  y[e] = static_cast<float>(acc);
}
