// GPU reference for triad: a[i] = b[i] + s[0] * c[i], computed in double, one thread per element.
extern "C" __global__ void triad_reference(const float* b, const float* c, const float* s, float* a, long long n) {
  const long long i = static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < n) a[i] = static_cast<float>(static_cast<double>(b[i]) + static_cast<double>(s[0]) * static_cast<double>(c[i]));
}
