// Cheat: a device-side launch into the default stream (fire and forget).
__global__ void child(const float* x, const float* y, float* z, long long n) {
  const long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n) z[i] = x[i] + 2.0f * y[i];
}
extern "C" __global__ void vadd(const float* x, const float* y, float* z, long long n) {
  if (blockIdx.x == 0 && threadIdx.x == 0) child<<<(n + 255) / 256, 256>>>(x, y, z, n);
}
