// Bug: writes far outside any allocation (an illegal address: the worker must die, the engine not).
extern "C" __global__ void vadd(const float* x, const float* y, float* z, long long n) {
  const long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n) z[i + (1LL << 40)] = x[i] + 2.0f * y[i];
}
