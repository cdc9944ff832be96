// Bug: an off-by-one write just past the output (lands in the guard bytes).
extern "C" __global__ void vadd(const float* x, const float* y, float* z, long long n) {
  const long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n) z[i] = x[i] + 2.0f * y[i];
  if (i == 0) z[n] = 1.0f;
}
