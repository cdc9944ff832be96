// kevo best variant e588fa05cc066235ee8890f9ffedb1555ab557813012682017f112e62880a095 for task 'transpose' (seed family 'tiled'), 6.640820x over the seed on cuda:1:NVIDIA-H200
#define BROWS 8
#define PAD 1
#define STREAM 0
#define TILE 32
// transpose: y[j][i] = x[i][j], fp32, x row-major [R, C], y row-major [C, R].
// A block of 32 x BROWS threads moves one TILE x TILE tile through shared memory: it
// reads rows of the tile from x (coalesced: 32 consecutive floats per warp access) into
// tile[r][c], and after a barrier writes rows of the transposed tile to y, reading
// tile[c][r] (down a column of shared memory: PAD = 1 puts consecutive rows in
// different banks). Each thread moves (TILE / 32) * (TILE / BROWS) elements each way,
// all its loads issued before its stores. Edge tiles (R or C not a multiple of TILE)
// are bounds-checked element by element.
//
// Knobs (all -DNAME=value; the defaults below are the seed point):
//   TILE    tile side (32 or 64)
//   BROWS   block height (block = 32 x BROWS threads; BROWS <= TILE)
//   PAD     floats of padding per shared-memory row (0: 32-way bank conflicts on the
//           column reads; 1: conflict-free)
//   STREAM  1: streaming cache hints (ld.global.cs / st.global.cs, evict-first)
#ifndef TILE
#define TILE 32
#endif
#ifndef BROWS
#define BROWS 8
#endif
#ifndef PAD
#define PAD 0
#endif
#ifndef STREAM
#define STREAM 0
#endif

#if TILE % 32 != 0 || TILE % BROWS != 0
#error "TILE must be a multiple of 32 and of BROWS"
#endif

__device__ __forceinline__ float kv_load(const float* p) {
#if STREAM
  return __ldcs(p);
#else
  return __ldg(p);
#endif
}
__device__ __forceinline__ void kv_store(float* p, float v) {
#if STREAM
  __stcs(p, v);
#else
  *p = v;
#endif
}

extern "C" __global__ void __launch_bounds__(32 * BROWS) transpose(const float* x, float* y, long long R, long long C) {
  __shared__ float tile[TILE][TILE + PAD];
  const long long j0 = static_cast<long long>(blockIdx.x) * TILE;  // first column of x in the tile
  const long long i0 = static_cast<long long>(blockIdx.y) * TILE;  // first row of x in the tile
  const int tx = threadIdx.x, ty = threadIdx.y;
#pragma unroll
  for (int r = 0; r < TILE; r += BROWS)
#pragma unroll
    for (int c = 0; c < TILE; c += 32) {
      const long long i = i0 + r + ty, j = j0 + c + tx;
      if (i < R && j < C) tile[r + ty][c + tx] = kv_load(x + i * C + j);
    }
  __syncthreads();
#pragma unroll
  for (int r = 0; r < TILE; r += BROWS)
#pragma unroll
    for (int c = 0; c < TILE; c += 32) {
      const long long j = j0 + r + ty;  // row of y = column of x
      const long long i = i0 + c + tx;  // column of y = row of x
      if (j < C && i < R) kv_store(y + j * R + i, tile[c + tx][r + ty]);
    }
}
