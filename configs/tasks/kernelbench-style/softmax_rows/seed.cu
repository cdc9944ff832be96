// softmax_rows: y[r] = softmax(x[r]), one thread per row, three passes
// (max, sum of exponentials, normalise): the naive seed.
#ifndef BLOCK
#define BLOCK 128
#endif
extern "C" __global__ void softmax_rows(const float* x, float* y, long long rows, long long cols) {
  const long long r = static_cast<long long>(blockIdx.x) * BLOCK + threadIdx.x;
  if (r >= rows) return;
  const float* in = x + r * cols;
  float* out = y + r * cols;
  float peak = __int_as_float(0xff800000);  // -inf (NVRTC has no math.h INFINITY)
  for (long long j = 0; j < cols; ++j) peak = fmaxf(peak, in[j]);
  float sum = 0.0f;
  for (long long j = 0; j < cols; ++j) sum += expf(in[j] - peak);
  for (long long j = 0; j < cols; ++j) out[j] = expf(in[j] - peak) / sum;
}
