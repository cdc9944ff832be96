// bgemm: C = A * B, bf16 inputs, fp32 accumulation and output, row-major A [M, K],
// B [K, N], C [M, N]. One thread per element of C: thread (tx, ty) of block (bx, by)
// computes C[by * BY + ty][bx * BX + tx] as a plain dot product on the CUDA cores (each
// bf16 converted to float; a bf16 x bf16 product is exact in fp32).
//
// Knobs (all -DNAME=value; the defaults below are the seed point):
//   BX  block width (threads along a row of C)
//   BY  block height (rows of C per block)
#include <cuda_bf16.h>

#ifndef BX
#define BX 16
#endif
#ifndef BY
#define BY 16
#endif

extern "C" __global__ void __launch_bounds__(BX * BY) bgemm(const __nv_bfloat16* A, const __nv_bfloat16* B, float* C,
                                                            long long M, long long N, long long K) {
  const long long j = static_cast<long long>(blockIdx.x) * BX + threadIdx.x;
  const long long i = static_cast<long long>(blockIdx.y) * BY + threadIdx.y;
  if (i >= M || j >= N) return;
  float acc = 0.0f;
  for (long long k = 0; k < K; ++k) acc = fmaf(__bfloat162float(A[i * K + k]), __bfloat162float(B[k * N + j]), acc);
  C[i * N + j] = acc;
}
