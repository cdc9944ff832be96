// layernorm over the rows of x [R, C] (fp32):
//   y = (x - mean) / sqrt(var + 1e-5) * gamma + beta   (var: biased, 1/C)
// One thread per row, three plain passes: mean, variance (sum of squared deviations),
// output. The 32 threads of a warp walk 32 different rows (uncoalesced).
//
// Knobs (all -DNAME=value; the defaults below are the seed point):
//   BLOCK  threads (rows) per block; the grid is cdiv(R, BLOCK)
#ifndef BLOCK
#define BLOCK 128
#endif

extern "C" __global__ void __launch_bounds__(BLOCK) layernorm(const float* x, const float* gamma, const float* beta,
                                                              float* y, long long R, long long C) {
  const long long r = static_cast<long long>(blockIdx.x) * BLOCK + threadIdx.x;
  if (r >= R) return;
  const float* xr = x + r * C;
  float* yr = y + r * C;
  float sum = 0.0f;
  for (long long j = 0; j < C; ++j) sum += xr[j];
  const float mean = sum / static_cast<float>(C);
  float sq = 0.0f;
  for (long long j = 0; j < C; ++j) {
    const float d = xr[j] - mean;
    sq += d * d;
  }
  const float rstd = 1.0f / sqrtf(sq / static_cast<float>(C) + 1e-5f);
  for (long long j = 0; j < C; ++j) yr[j] = (xr[j] - mean) * rstd * gamma[j] + beta[j];
}
