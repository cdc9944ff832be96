// GPU reference for sgemm: C = A * B (row-major A [M, K], B [K, N], C [M, N]), one
// thread per element of C, the dot product accumulated in double.
extern "C" __global__ void sgemm_reference(const float* A, const float* B, float* C, long long M, long long N,
                                           long long K) {
  const long long j = static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x;
  const long long i = static_cast<long long>(blockIdx.y) * blockDim.y + threadIdx.y;
  if (i >= M || j >= N) return;
  double acc = 0.0;
  for (long long k = 0; k < K; ++k) acc += static_cast<double>(A[i * K + k]) * static_cast<double>(B[k * N + j]);
  C[i * N + j] = static_cast<float>(acc);
}
