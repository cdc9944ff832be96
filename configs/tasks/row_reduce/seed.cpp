// row_reduce: out[r] = sum_j x[r * C + j]  (fp32, row-major [R, C]).
// The seed is the plain loop: one float accumulator per row, i.e. one serial
// chain of dependent adds that GCC may not reorder (no -ffast-math).
//
// Knobs (all -DNAME=value; the defaults below are the seed point):
//   ACC   independent partial sums per row; columns j, j+1, ..., j+ACC-1 go to
//         partial sums 0..ACC-1 (the add chain gets ACC times shorter, and the
//         ACC-wide update is vectorized by GCC as plain lane-wise adds)
//   ROWS  rows reduced together in one pass (interleaved chains; R % ROWS rows
//         are finished one at a time)
//   DACC  1: partial sums in double
#include <cstdint>

#ifndef ACC
#define ACC 1
#endif
#ifndef ROWS
#define ROWS 1
#endif
#ifndef DACC
#define DACC 0
#endif

#if DACC
typedef double acc_t;
#else
typedef float acc_t;
#endif

// Sums ROWS_ rows starting at x (row stride C) into out[0..ROWS_-1].
template <int ROWS_>
static inline void reduce_rows(const float* __restrict x, float* __restrict out, int64_t C) {
  acc_t acc[ROWS_][ACC];
  for (int r = 0; r < ROWS_; ++r)
    for (int u = 0; u < ACC; ++u) acc[r][u] = 0;
  int64_t j = 0;
  for (; j + ACC <= C; j += ACC) {
#pragma GCC unroll 4
    for (int r = 0; r < ROWS_; ++r) {
      const float* xr = x + r * C + j;
#pragma GCC unroll 32
      for (int u = 0; u < ACC; ++u) acc[r][u] += static_cast<acc_t>(xr[u]);
    }
  }
  for (int r = 0; r < ROWS_; ++r) {
    for (int64_t k = j; k < C; ++k) acc[r][k - j] += static_cast<acc_t>(x[r * C + k]);  // tail: fewer than ACC
    // pairwise combine of the partial sums
    for (int w = ACC / 2; w >= 1; w /= 2)
      for (int u = 0; u < w; ++u) acc[r][u] += acc[r][u + w];
    out[r] = static_cast<float>(acc[r][0]);
  }
}

void row_reduce(const float* x, float* out, int64_t R, int64_t C) {
  int64_t r = 0;
  for (; r + ROWS <= R; r += ROWS) reduce_rows<ROWS>(x + r * C, out + r, C);
  for (; r < R; ++r) reduce_rows<1>(x + r * C, out + r, C);
}
