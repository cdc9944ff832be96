// triad: a[i] = b[i] + s[0] * c[i] (fp32). One thread per element, scalar loads.
//
// Knobs (all -DNAME=value; the defaults below are the seed point):
//   BLOCK  threads per block (the launch plan's block size; the grid is cdiv(n, BLOCK))
#ifndef BLOCK
#define BLOCK 256
#endif

extern "C" __global__ void __launch_bounds__(BLOCK) triad(const float* b, const float* c, const float* s, float* a,
                                                          long long n) {
  const long long i = static_cast<long long>(blockIdx.x) * BLOCK + threadIdx.x;
  if (i < n) a[i] = b[i] + s[0] * c[i];
}
