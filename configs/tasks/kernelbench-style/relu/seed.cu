// relu: y = max(x, 0), one thread per element (naive seed).
#ifndef BLOCK
#define BLOCK 256
#endif
extern "C" __global__ void relu(const float* x, float* y, long long n) {
  const long long i = static_cast<long long>(blockIdx.x) * BLOCK + threadIdx.x;
  if (i < n) y[i] = x[i] > 0.0f ? x[i] : 0.0f;
}
