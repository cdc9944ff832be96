// matmul: C = A * B, fp32, row-major A [M, K], B [K, N], C [M, N].
// The seed is the textbook triple loop (i, j, k): one dot product per element of C,
// reading B down a column (stride N) and summing into one float.
//
// Knobs (all -DNAME=value; the defaults below are the seed point):
//   ORDER  0: i-j-k (dot products; the k-sum is one serial chain GCC may not
//          reorder without -ffast-math); 1: i-k-j (C row += A[i][k] * B row k:
//          unit stride, no reduction, so the j loop vectorizes)
//   TI, TJ, TK  cache-block sizes for i, j, k (0: no blocking in that dimension)
//   MR     rows of C computed together in the innermost step (shares each load
//          of B between MR rows; for ORDER 0 it is also MR independent chains)
#include <algorithm>
#include <cstdint>

#ifndef ORDER
#define ORDER 0
#endif
#ifndef TI
#define TI 0
#endif
#ifndef TJ
#define TJ 0
#endif
#ifndef TK
#define TK 0
#endif
#ifndef MR
#define MR 1
#endif

// C[i0:i1, j0:j1] += A[i0:i1, k0:k1] * B[k0:k1, j0:j1], MR_ rows at a time.
template <int MR_>
static inline void block(const float* __restrict A, const float* __restrict B, float* __restrict C, int64_t N,
                         int64_t K, int64_t i, int64_t j0, int64_t j1, int64_t k0, int64_t k1) {
#if ORDER == 0
  for (int64_t j = j0; j < j1; ++j) {
    float acc[MR_];
    for (int r = 0; r < MR_; ++r) acc[r] = C[(i + r) * N + j];
    for (int64_t k = k0; k < k1; ++k) {
      const float b = B[k * N + j];
#pragma GCC unroll 8
      for (int r = 0; r < MR_; ++r) acc[r] += A[(i + r) * K + k] * b;
    }
    for (int r = 0; r < MR_; ++r) C[(i + r) * N + j] = acc[r];
  }
#else
  for (int64_t k = k0; k < k1; ++k) {
    float a[MR_];
    for (int r = 0; r < MR_; ++r) a[r] = A[(i + r) * K + k];
    const float* __restrict b = B + k * N;
#pragma GCC ivdep
    for (int64_t j = j0; j < j1; ++j) {
      const float bj = b[j];
#pragma GCC unroll 8
      for (int r = 0; r < MR_; ++r) C[(i + r) * N + j] += a[r] * bj;
    }
  }
#endif
}

void matmul(const float* A, const float* B, float* C, int64_t M, int64_t N, int64_t K) {
  for (int64_t e = 0; e < M * N; ++e) C[e] = 0.0f;
  const int64_t ti = TI > 0 ? TI : std::max<int64_t>(M, 1);
  const int64_t tj = TJ > 0 ? TJ : std::max<int64_t>(N, 1);
  const int64_t tk = TK > 0 ? TK : std::max<int64_t>(K, 1);
  for (int64_t i0 = 0; i0 < M; i0 += ti) {
    const int64_t i1 = std::min(i0 + ti, M);
    for (int64_t k0 = 0; k0 < K; k0 += tk) {
      const int64_t k1 = std::min(k0 + tk, K);
      for (int64_t j0 = 0; j0 < N; j0 += tj) {
        const int64_t j1 = std::min(j0 + tj, N);
        int64_t i = i0;
        for (; i + MR <= i1; i += MR) block<MR>(A, B, C, N, K, i, j0, j1, k0, k1);
        for (; i < i1; ++i) block<1>(A, B, C, N, K, i, j0, j1, k0, k1);
      }
    }
  }
}
