// row_reduce: out[r] = sum_j x[r * C + j] (fp32, row-major [R, C]).
// One thread per row (per output element): a plain serial loop over the row. The 32
// threads of a warp read 32 different rows, so every load touches 32 cache lines.
//
// Knobs (all -DNAME=value; the defaults below are the seed point):
//   BLOCK  threads (rows) per block; the grid is cdiv(R, BLOCK)
#ifndef BLOCK
#define BLOCK 128
#endif

extern "C" __global__ void __launch_bounds__(BLOCK) row_reduce(const float* x, float* out, long long R, long long C) {
  const long long r = static_cast<long long>(blockIdx.x) * BLOCK + threadIdx.x;
  if (r >= R) return;
  const float* xr = x + r * C;
  float acc = 0.0f;
  for (long long j = 0; j < C; ++j) acc += xr[j];
  out[r] = acc;
}
