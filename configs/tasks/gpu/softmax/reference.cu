// GPU reference for softmax: per row, y = exp(x - max) / sum(exp(x - max)), in double.
// One warp per row; lane l handles columns l, l + 32, ...; max and sum are combined with
// shuffles (in double).
extern "C" __global__ void softmax_reference(const float* x, float* y, long long R, long long C) {
  const long long row = static_cast<long long>(blockIdx.x) * (blockDim.x / 32) + threadIdx.x / 32;
  const int lane = threadIdx.x % 32;
  if (row >= R) return;  // the whole warp leaves together
  const float* xr = x + row * C;
  double m = -1.0e300;
  for (long long j = lane; j < C; j += 32) m = fmax(m, static_cast<double>(xr[j]));
  for (int offset = 16; offset > 0; offset /= 2) m = fmax(m, __shfl_xor_sync(0xffffffffu, m, offset));
  double sum = 0.0;
  for (long long j = lane; j < C; j += 32) sum += exp(static_cast<double>(xr[j]) - m);
  for (int offset = 16; offset > 0; offset /= 2) sum += __shfl_xor_sync(0xffffffffu, sum, offset);
  for (long long j = lane; j < C; j += 32) y[row * C + j] = static_cast<float>(exp(static_cast<double>(xr[j]) - m) / sum);
}
