// Reference for matmul: C = A * B (row-major A [M, K], B [K, N], C [M, N]),
// every output element a dot product accumulated in double in k order. The
// loops run i, k, j over a row of double accumulators, which reads B along its
// rows; each element's sum is still the plain i, j, k loop's, term by term.
// (The evaluator runs this reference on several timed runs' inputs per variant.)
#include <cstdint>
#include <vector>

void reference(const float* A, const float* B, float* C, int64_t M, int64_t N, int64_t K) {
  std::vector<double> row(static_cast<size_t>(N));
  for (int64_t i = 0; i < M; ++i) {
    for (int64_t j = 0; j < N; ++j) row[j] = 0.0;
    for (int64_t k = 0; k < K; ++k) {
      const double a = static_cast<double>(A[i * K + k]);
      for (int64_t j = 0; j < N; ++j) row[j] += a * static_cast<double>(B[k * N + j]);
    }
    for (int64_t j = 0; j < N; ++j) C[i * N + j] = static_cast<float>(row[j]);
  }
}
