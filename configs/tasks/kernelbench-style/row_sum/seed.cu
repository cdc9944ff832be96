// row_sum: y[r] = sum_j x[r][j], one thread per row (naive seed: a warp's
// loads are a row apart, so every load is its own sector).
#ifndef BLOCK
#define BLOCK 128
#endif
extern "C" __global__ void row_sum(const float* x, float* y, long long rows, long long cols) {
  const long long r = static_cast<long long>(blockIdx.x) * BLOCK + threadIdx.x;
  if (r >= rows) return;
  float sum = 0.0f;
  for (long long j = 0; j < cols; ++j) sum += x[r * cols + j];
  y[r] = sum;
}
