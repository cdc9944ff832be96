// GPU reference for bgemm: C = A * B, bf16 inputs, fp32 output, row-major A [M, K],
// B [K, N], C [M, N]; one thread per element of C, the dot product accumulated in double.
#include <cuda_bf16.h>

extern "C" __global__ void bgemm_reference(const __nv_bfloat16* A, const __nv_bfloat16* B, float* C, long long M,
                                           long long N, long long K) {
  const long long j = static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x;
  const long long i = static_cast<long long>(blockIdx.y) * blockDim.y + threadIdx.y;
  if (i >= M || j >= N) return;
  double acc = 0.0;
  for (long long k = 0; k < K; ++k)
    acc += static_cast<double>(__bfloat162float(A[i * K + k])) * static_cast<double>(__bfloat162float(B[k * N + j]));
  C[i * N + j] = static_cast<float>(acc);
}
