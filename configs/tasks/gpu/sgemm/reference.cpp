// Reference for matmul: C = A * B (row-major A [M, K], B [K, N], C [M, N]),
// one dot product per output element, accumulated in double.
#include <cstdint>

void reference(const float* A, const float* B, float* C, int64_t M, int64_t N, int64_t K) {
  for (int64_t i = 0; i < M; ++i)
    for (int64_t j = 0; j < N; ++j) {
      double acc = 0.0;
      for (int64_t k = 0; k < K; ++k) acc += static_cast<double>(A[i * K + k]) * static_cast<double>(B[k * N + j]);
      C[i * N + j] = static_cast<float>(acc);
    }
}
