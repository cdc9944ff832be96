// The honest kernel: z = x + 2*y, one thread per element, BLOCK threads a block.
extern "C" __global__ void vadd(const float* x, const float* y, float* z, long long n) {
  const long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n) z[i] = x[i] + 2.0f * y[i];
}
