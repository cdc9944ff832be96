// Cheat: one NaN in the middle.
extern "C" __global__ void vadd(const float* x, const float* y, float* z, long long n) {
  const long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n) z[i] = i == 18 ? __int_as_float(0x7fc00000) : x[i] + 2.0f * y[i];
}
