// Bug: a syntax error; NVRTC's log must come back verbatim.
extern "C" __global__ void vadd(const float* x, const float* y, float* z, long long n) {
  const long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n) z[i] = x[i] + 2.0f * y[i]
}
