// Cheat: scribbles on an input.
extern "C" __global__ void vadd(const float* x, const float* y, float* z, long long n) {
  const long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n) z[i] = x[i] + 2.0f * y[i];
  if (i == 0) const_cast<float*>(x)[0] = 42.0f;
}
