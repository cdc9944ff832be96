// The honest kernel in two launch steps through a scratch buffer the plan
// declares: t = 2*y, then z = x + t. Scratch is zeroed before every run; its
// first 64 bytes are left for a header (the corpus's scratch cheats use it).
extern "C" __global__ void vadd_stage(const float* y, void* t, long long n) {
  float* twice = reinterpret_cast<float*>(static_cast<char*>(t) + 64);
  const long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n) twice[i] = 2.0f * y[i];
}

extern "C" __global__ void vadd_finish(const float* x, void* t, float* z, long long n) {
  const float* twice = reinterpret_cast<const float*>(static_cast<const char*>(t) + 64);
  const long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n) z[i] = x[i] + twice[i];
}
