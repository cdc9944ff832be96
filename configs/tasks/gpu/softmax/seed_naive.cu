// softmax over the rows of x [R, C] (fp32): y = exp(x - rowmax) / sum(exp(x - rowmax)).
// One thread per row, three plain passes: max, exp + sum (storing exp in y), scale.
// The 32 threads of a warp walk 32 different rows (uncoalesced).
//
// Knobs (all -DNAME=value; the defaults below are the seed point):
//   BLOCK  threads (rows) per block; the grid is cdiv(R, BLOCK)
#ifndef BLOCK
#define BLOCK 128
#endif

extern "C" __global__ void __launch_bounds__(BLOCK) softmax(const float* x, float* y, long long R, long long C) {
  const long long r = static_cast<long long>(blockIdx.x) * BLOCK + threadIdx.x;
  if (r >= R) return;
  const float* xr = x + r * C;
  float* yr = y + r * C;
  float m = xr[0];
  for (long long j = 1; j < C; ++j) m = fmaxf(m, xr[j]);
  float sum = 0.0f;
  for (long long j = 0; j < C; ++j) {
    const float e = expf(xr[j] - m);
    yr[j] = e;
    sum += e;
  }
  for (long long j = 0; j < C; ++j) yr[j] = yr[j] / sum;
}
