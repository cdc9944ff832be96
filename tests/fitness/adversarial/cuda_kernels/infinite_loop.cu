// Bug: never returns (the watchdog must kill the worker). The loop reads
// global memory on every trip, so the compiler cannot drop it as a loop
// without side effects (an empty `while (1)` may be removed).
extern "C" __global__ void vadd(const float* x, const float* y, float* z, long long n) {
  while (*(volatile const float*)x != 12345.0f) {
  }
  const long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n) z[i] = x[i] + 2.0f * y[i];
}
