// Cheat: computes only the first half of the output.
extern "C" __global__ void vadd(const float* x, const float* y, float* z, long long n) {
  const long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n / 2) z[i] = x[i] + 2.0f * y[i];
}
