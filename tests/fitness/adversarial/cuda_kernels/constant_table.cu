// Legitimate state: a lookup table in __constant__ memory, set when the
// module loads and only read. It must pass.
__constant__ float kScale[4] = {0.0f, 1.0f, 2.0f, 3.0f};

extern "C" __global__ void vadd(const float* x, const float* y, float* z, long long n) {
  const long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n) z[i] = x[i] + kScale[2] * y[i];
}
