// GPU reference for layernorm, in double: one warp per row; lane l handles columns l,
// l + 32, ...; the row's sum and sum of squared deviations are combined with shuffles.
// y = (x - mean) / sqrt(var + 1e-5) * gamma + beta, var the biased (1/C) variance.
extern "C" __global__ void layernorm_reference(const float* x, const float* gamma, const float* beta, float* y,
                                               long long R, long long C) {
  const long long row = static_cast<long long>(blockIdx.x) * (blockDim.x / 32) + threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  if (row >= R) return;  // the whole warp leaves together
  const float* xr = x + row * C;
  double sum = 0.0;
  for (long long j = lane; j < C; j += 32) sum += static_cast<double>(xr[j]);
  for (int offset = 16; offset > 0; offset /= 2) sum += __shfl_xor_sync(0xffffffffu, sum, offset);
  const double mean = sum / static_cast<double>(C);
  double sq = 0.0;
  for (long long j = lane; j < C; j += 32) {
    const double d = static_cast<double>(xr[j]) - mean;
    sq += d * d;
  }
  for (int offset = 16; offset > 0; offset /= 2) sq += __shfl_xor_sync(0xffffffffu, sq, offset);
  const double rstd = 1.0 / sqrt(sq / static_cast<double>(C) + 1e-5);
  for (long long j = lane; j < C; j += 32)
    y[row * C + j] = static_cast<float>((static_cast<double>(xr[j]) - mean) * rstd * static_cast<double>(gamma[j]) +
                                        static_cast<double>(beta[j]));
}
