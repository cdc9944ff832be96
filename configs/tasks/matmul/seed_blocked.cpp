// matmul: C = A * B, fp32, row-major A [M, K], B [K, N], C [M, N].
// A second seed with a different structure (BLIS-style): B is copied, one
// KC x NC block at a time, into the scratch buffer `bpack` as NR-wide column
// panels (zero-padded at the right edge); an MR x NR tile of C is then
// accumulated in a local array over KC steps of k, and added to C once.
// The seed point is a 1 x 8 tile: correct, but far from what the structure allows.
//
// Knobs (all -DNAME=value; the defaults below are the seed point):
//   MR     rows of the C tile (each B panel load is shared by MR rows)
//   NR     columns of the C tile (a multiple of 8: NR/8 AVX vectors per row)
//   KC     depth of a packed B block (k-steps per C-tile update)
//   NC     width of a packed B block (a multiple of NR); KC * NC * 4 bytes should fit L2
//   PACKA  1: also copy A[:, k-block] into `apack` as MR-row panels (k-major),
//          so the tile reads A contiguously
#include <algorithm>
#include <cstdint>

#ifndef MR
#define MR 1
#endif
#ifndef NR
#define NR 8
#endif
#ifndef KC
#define KC 256
#endif
#ifndef NC
#define NC 256
#endif
#ifndef PACKA
#define PACKA 0
#endif

// 8 floats in one AVX register (GCC/Clang vector extension; plain C++ otherwise).
typedef float v8f __attribute__((vector_size(32)));
static inline v8f load8(const float* p) {
  v8f v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
static inline void store8(float* p, v8f v) { __builtin_memcpy(p, &v, sizeof v); }
constexpr int NV = NR / 8;  // vectors per tile row

// acc = A_tile (MR_ x kc) * B_panel (kc x NR); then C_tile (+)= acc, storing
// only the mv x nv valid corner. `a` points at A[i][k0] (row stride lda) or,
// with PACKA, at the packed panel (stride MR per k).
template <int MR_>
static inline void tile(const float* __restrict a, int64_t lda, const float* __restrict bp, float* __restrict c,
                        int64_t ldc, int64_t kc, int64_t mv, int64_t nv, bool accumulate) {
  v8f acc[MR_][NV];
#pragma GCC unroll 8
  for (int r = 0; r < MR_; ++r)
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) acc[r][v] = v8f{};
  for (int64_t k = 0; k < kc; ++k) {
    v8f b[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) b[v] = load8(bp + k * NR + 8 * v);
#pragma GCC unroll 8
    for (int r = 0; r < MR_; ++r) {
#if PACKA
      const float av = a[k * MR_ + r];
#else
      const float av = a[std::min<int64_t>(r, mv - 1) * lda + k];  // clamp: rows past M are computed, not stored
#endif
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[r][v] += av * b[v];
    }
  }
  if (mv == MR_ && nv == NR) {
#pragma GCC unroll 8
    for (int r = 0; r < MR_; ++r)
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) {
        float* p = c + r * ldc + 8 * v;
        store8(p, accumulate ? load8(p) + acc[r][v] : acc[r][v]);
      }
  } else {
    // edge tile: spill to a local array (constant indices keep acc in registers)
    float out[MR_][NR];
#pragma GCC unroll 8
    for (int r = 0; r < MR_; ++r)
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) store8(&out[r][8 * v], acc[r][v]);
    for (int64_t r = 0; r < mv; ++r)
      for (int64_t q = 0; q < nv; ++q) c[r * ldc + q] = accumulate ? c[r * ldc + q] + out[r][q] : out[r][q];
  }
}

void matmul_blocked(const float* A, const float* B, float* C, void* bpack_v, void* apack_v, int64_t M, int64_t N,
                    int64_t K) {
  float* __restrict bpack = static_cast<float*>(bpack_v);
  float* __restrict apack = static_cast<float*>(apack_v);
  (void)apack;
  if (K == 0) {
    for (int64_t e = 0; e < M * N; ++e) C[e] = 0.0f;
    return;
  }
  for (int64_t jc = 0; jc < N; jc += NC) {
    const int64_t nc = std::min<int64_t>(NC, N - jc);
    for (int64_t pc = 0; pc < K; pc += KC) {
      const int64_t kc = std::min<int64_t>(KC, K - pc);
      // pack B[pc:pc+kc, jc:jc+nc] into NR-wide panels: bpack[panel][k][0..NR)
      for (int64_t jp = 0; jp < nc; jp += NR) {
        float* __restrict dst = bpack + (jp / NR) * KC * NR;
        const int64_t w = std::min<int64_t>(NR, nc - jp);
        for (int64_t k = 0; k < kc; ++k) {
          const float* src = B + (pc + k) * N + jc + jp;
          for (int64_t q = 0; q < w; ++q) dst[k * NR + q] = src[q];
          for (int64_t q = w; q < NR; ++q) dst[k * NR + q] = 0.0f;
        }
      }
#if PACKA
      // pack A[:, pc:pc+kc] into MR-row panels: apack[panel][k][0..MR), rows past M zero
      for (int64_t ip = 0; ip < M; ip += MR) {
        float* __restrict dst = apack + (ip / MR) * KC * MR;
        const int64_t h = std::min<int64_t>(MR, M - ip);
        for (int64_t k = 0; k < kc; ++k) {
          for (int64_t r = 0; r < h; ++r) dst[k * MR + r] = A[(ip + r) * K + pc + k];
          for (int64_t r = h; r < MR; ++r) dst[k * MR + r] = 0.0f;
        }
      }
#endif
      for (int64_t ir = 0; ir < M; ir += MR) {
        const int64_t mv = std::min<int64_t>(MR, M - ir);
#if PACKA
        const float* a = apack + (ir / MR) * KC * MR;
#else
        const float* a = A + ir * K + pc;
#endif
        for (int64_t jr = 0; jr < nc; jr += NR) {
          const int64_t nv = std::min<int64_t>(NR, nc - jr);
          tile<MR>(a, K, bpack + (jr / NR) * KC * NR, C + ir * N + jc + jr, N, kc, mv, nv, pc > 0);
        }
      }
    }
  }
}
