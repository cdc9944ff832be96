// Bug: two parameters where the plan passes four.
extern "C" __global__ void vadd(const float* x, float* z) {
  const long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  z[i] = x[i];
}
