// Legitimate state: a device-side counter of finished blocks, which the last
// block of each launch resets (the single-pass reduction pattern). It carries
// nothing from one launch's data to the next, and must pass.
__device__ unsigned int blocks_done;
__device__ unsigned int launches_completed;

extern "C" __global__ void vadd(const float* x, const float* y, float* z, long long n) {
  const long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n) z[i] = x[i] + 2.0f * y[i];
  __syncthreads();
  if (threadIdx.x == 0) {
    __threadfence();
    if (atomicAdd(&blocks_done, 1u) == gridDim.x - 1) {
      blocks_done = 0;  // the last block resets it for the next launch
      atomicAdd(&launches_completed, 1u);
    }
  }
}
