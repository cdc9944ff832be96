// conv2d: 3x3 convolution (cross-correlation), stride 1, zero padding 1, fp32, NCHW:
//   y[n][k][h][v] = sum_{c, r, s} x[n][c][h + r - 1][v + s - 1] * w[k][c][r][s]
// x [N, C, H, W], w [K, C, 3, 3], y [N, K, H, W].
// Direct convolution, tiled through shared memory. A block computes a TH x TW tile of
// output pixels for KB output channels of one image (grid: x = spatial tile, y =
// channel block, z = image). Input channels are walked CB at a time: the block stages
// the CB x (TH + 2) x (TW + 2) input patch (halo included, zeros outside the image and
// past C) and the CB x 9 x KB weights (k fastest) in shared memory, then each thread
// accumulates PK output channels x PX pixels in registers: per (c, r, s), PK weights
// (float4 reads when PK % 4 == 0) and PX inputs, PK * PX FMAs.
// Thread layout: pixel group pg = tid % (TH * TW / PX) gives the tile row pg / (TW / PX)
// and the first column pg % (TW / PX); the thread's PX pixels are TW / PX columns apart
// (neighbouring threads read neighbouring shared-memory words and store neighbouring
// outputs). Channel group kg = tid / (TH * TW / PX) gives channels kg * PK .. + PK - 1.
//
// Knobs (all -DNAME=value; the defaults below are the seed point):
//   TW, TH  output tile width and height (pixels)
//   KB      output channels per block
//   PK      output channels per thread (registers)
//   PX      output pixels per thread (registers; a divisor of TW)
//   CB      input channels staged per step
// Threads per block: (TH * TW / PX) * (KB / PK). Static shared memory:
// 4 * CB * ((TH + 2) * (TW + 2) + 9 * KB) bytes (<= 48 KiB by the task's constraints).
#ifndef TW
#define TW 16
#endif
#ifndef TH
#define TH 4
#endif
#ifndef KB
#define KB 16
#endif
#ifndef PK
#define PK 4
#endif
#ifndef PX
#define PX 1
#endif
#ifndef CB
#define CB 4
#endif

#if TW % PX != 0 || KB % PK != 0
#error "PX must divide TW and PK must divide KB"
#endif

#define TWP (TW / PX)           // pixel groups per tile row
#define PG (TH * TWP)           // pixel groups
#define NT (PG * (KB / PK))     // threads per block
#define IH (TH + 2)             // input patch height
#define IW (TW + 2)             // input patch width

extern "C" __global__ void __launch_bounds__(NT) conv2d(const float* __restrict__ x, const float* __restrict__ w,
                                                        float* __restrict__ y, long long N, long long C, long long H,
                                                        long long W, long long K) {
  __shared__ float xs[CB][IH][IW];
  __shared__ __align__(16) float ws[CB * 9][KB];

  const long long tiles_w = (W + TW - 1) / TW;
  const long long h0 = (static_cast<long long>(blockIdx.x) / tiles_w) * TH;
  const long long v0 = (static_cast<long long>(blockIdx.x) % tiles_w) * TW;
  const long long k0 = static_cast<long long>(blockIdx.y) * KB;
  const long long n = blockIdx.z;

  const int tid = threadIdx.x;
  const int pg = tid % PG, kg = tid / PG;
  const int prow = pg / TWP, pcol = pg % TWP;

  float acc[PK][PX];
#pragma unroll
  for (int j = 0; j < PK; ++j)
#pragma unroll
    for (int i = 0; i < PX; ++i) acc[j][i] = 0.0f;

  for (long long c0 = 0; c0 < C; c0 += CB) {
    // input patch: rows h0 - 1 .. h0 + TH, columns v0 - 1 .. v0 + TW
    for (int e = tid; e < CB * IH * IW; e += NT) {
      const int c = e / (IH * IW), rem = e % (IH * IW);
      const int yy = rem / IW, xx = rem % IW;
      const long long cc = c0 + c, hh = h0 - 1 + yy, vv = v0 - 1 + xx;
      float val = 0.0f;
      if (cc < C && hh >= 0 && hh < H && vv >= 0 && vv < W) val = __ldg(x + ((n * C + cc) * H + hh) * W + vv);
      xs[c][yy][xx] = val;
    }
    // weights: ws[c * 9 + rs][k] = w[k0 + k][c0 + c][rs] (k fastest: conflict-free stores)
    for (int e = tid; e < CB * 9 * KB; e += NT) {
      const int k = e % KB, crs = e / KB;
      const long long kk = k0 + k, cc = c0 + crs / 9;
      ws[crs][k] = (kk < K && cc < C) ? __ldg(w + (kk * C + cc) * 9 + crs % 9) : 0.0f;
    }
    __syncthreads();
#pragma unroll 2
    for (int c = 0; c < CB; ++c)
#pragma unroll
      for (int r = 0; r < 3; ++r)
#pragma unroll
        for (int s = 0; s < 3; ++s) {
          float wv[PK], xv[PX];
#if PK % 4 == 0
#pragma unroll
          for (int j = 0; j < PK; j += 4) {
            const float4 q = *reinterpret_cast<const float4*>(&ws[c * 9 + r * 3 + s][kg * PK + j]);
            wv[j] = q.x;
            wv[j + 1] = q.y;
            wv[j + 2] = q.z;
            wv[j + 3] = q.w;
          }
#else
#pragma unroll
          for (int j = 0; j < PK; ++j) wv[j] = ws[c * 9 + r * 3 + s][kg * PK + j];
#endif
#pragma unroll
          for (int i = 0; i < PX; ++i) xv[i] = xs[c][prow + r][pcol + i * TWP + s];
#pragma unroll
          for (int j = 0; j < PK; ++j)
#pragma unroll
            for (int i = 0; i < PX; ++i) acc[j][i] = fmaf(wv[j], xv[i], acc[j][i]);
        }
    __syncthreads();
  }

  const long long h = h0 + prow;
  if (h >= H) return;
#pragma unroll
  for (int j = 0; j < PK; ++j) {
    const long long k = k0 + kg * PK + j;
    if (k >= K) continue;
#pragma unroll
    for (int i = 0; i < PX; ++i) {
      const long long v = v0 + pcol + i * TWP;
      if (v < W) y[((n * K + k) * H + h) * W + v] = acc[j][i];
    }
  }
}
