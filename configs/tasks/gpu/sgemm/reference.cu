// GPU reference for sgemm: C = A * B (row-major A [M, K], B [K, N], C [M, N]), one
// thread per element of C, the dot product accumulated in double in k order.
// 16x16 tiles of A and B are staged through shared memory, which only changes
// where the operands are read from: the sum is the plain loop's, term by term.
// (The evaluator runs this reference on several timed runs' inputs per variant.)
#define TILE 16

extern "C" __global__ void sgemm_reference(const float* A, const float* B, float* C, long long M, long long N,
                                           long long K) {
  __shared__ float a_tile[TILE][TILE];
  __shared__ float b_tile[TILE][TILE];
  const int tx = threadIdx.x, ty = threadIdx.y;
  const long long j = static_cast<long long>(blockIdx.x) * TILE + tx;
  const long long i = static_cast<long long>(blockIdx.y) * TILE + ty;
  double acc = 0.0;
  for (long long k0 = 0; k0 < K; k0 += TILE) {
    a_tile[ty][tx] = i < M && k0 + tx < K ? A[i * K + k0 + tx] : 0.0f;
    b_tile[ty][tx] = k0 + ty < K && j < N ? B[(k0 + ty) * N + j] : 0.0f;
    __syncthreads();
    for (int kk = 0; kk < TILE && k0 + kk < K; ++kk)
      acc += static_cast<double>(a_tile[ty][kk]) * static_cast<double>(b_tile[kk][tx]);
    __syncthreads();
  }
  if (i < M && j < N) C[i * N + j] = static_cast<float>(acc);
}
