// Reference for bgemm: C = A * B with bf16 inputs (raw bits, uint16_t) and fp32 output,
// row-major A [M, K], B [K, N], C [M, N]; products and sums in double.
#include <cstdint>
#include <cstring>

static double bf16_to_double(uint16_t bits) {
  const uint32_t u = static_cast<uint32_t>(bits) << 16;
  float f;
  std::memcpy(&f, &u, sizeof f);
  return static_cast<double>(f);
}

void reference(const uint16_t* A, const uint16_t* B, float* C, int64_t M, int64_t N, int64_t K) {
  for (int64_t i = 0; i < M; ++i)
    for (int64_t j = 0; j < N; ++j) {
      double acc = 0.0;
      for (int64_t k = 0; k < K; ++k) acc += bf16_to_double(A[i * K + k]) * bf16_to_double(B[k * N + j]);
      C[i * N + j] = static_cast<float>(acc);
    }
}
