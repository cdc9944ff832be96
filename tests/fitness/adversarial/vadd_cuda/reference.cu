// Trusted GPU reference for vadd_cuda at the bench size: one thread per element.
extern "C" __global__ void vadd_reference(const float* x, const float* y, float* z, long long n) {
  const long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n) z[i] = x[i] + 2.0f * y[i];
}
