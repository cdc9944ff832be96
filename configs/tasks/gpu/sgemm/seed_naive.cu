// sgemm: C = A * B, fp32, row-major A [M, K], B [K, N], C [M, N].
// One thread per element of C: thread (tx, ty) of block (bx, by) computes
// C[by * BY + ty][bx * BX + tx] as a plain dot product (fp32 accumulation). A warp reads
// one element of A (broadcast) and BX consecutive elements of B per step; there is no
// reuse beyond what the caches give.
//
// Knobs (all -DNAME=value; the defaults below are the seed point):
//   BX  block width (threads along a row of C)
//   BY  block height (rows of C per block)
#ifndef BX
#define BX 16
#endif
#ifndef BY
#define BY 16
#endif

extern "C" __global__ void __launch_bounds__(BX * BY) sgemm(const float* A, const float* B, float* C, long long M,
                                                            long long N, long long K) {
  const long long j = static_cast<long long>(blockIdx.x) * BX + threadIdx.x;
  const long long i = static_cast<long long>(blockIdx.y) * BY + threadIdx.y;
  if (i >= M || j >= N) return;
  float acc = 0.0f;
  for (long long k = 0; k < K; ++k) acc += A[i * K + k] * B[k * N + j];
  C[i * N + j] = acc;
}
