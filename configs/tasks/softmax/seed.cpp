// softmax over the rows of x [R, C] (fp32): y = exp(x - rowmax) / sum(exp(x - rowmax)).
// The seed is three plain passes per row: max, exp + sum (storing exp in y), scale.
//
// Knobs (all -DNAME=value; the defaults below are the seed point):
//   EXP     0: std::exp (a libm call per element; GCC does not vectorize it without
//           -ffast-math); 1: an inline range-reduced polynomial exp (Cody-Waite +
//           degree-5 polynomial, ~1 ulp on [-87, 0]) in plain C++ that GCC vectorizes
//   IMAX    0: max as a float compare-select (GCC does not if-convert float compares
//           under the default -ftrapping-math, so the loop stays scalar);
//           1: max over an order-preserving integer key of the float bits (vectorizes)
//   ACC     independent partial max / sum lanes per row (column j goes to lane j % ACC)
//   RECIP   1: multiply by 1/sum instead of dividing by sum
//   PASSES  3: max; exp + sum (exp stored in y); scale y.
//           2: one online pass (running max and rescaled sum per lane), then one
//           pass y = exp(x - max) / sum (recomputes exp; never re-reads y)
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>

#ifndef EXP
#define EXP 0
#endif
#ifndef IMAX
#define IMAX 0
#endif
#ifndef ACC
#define ACC 1
#endif
#ifndef RECIP
#define RECIP 0
#endif
#ifndef PASSES
#define PASSES 3
#endif

#if EXP == 0
static inline float kv_exp(float v) { return std::exp(v); }
#else
// exp(v) for v <= 0 (every argument here is x - max <= 0). Below -87 it returns
// exp(-87) ~ 1.6e-38 instead of the (denormal or zero) true value.
static inline float kv_exp(float v) {
  // clamp to >= -87 with an integer min: for v <= 0 the float bits read as
  // unsigned grow with |v| (a float compare-select would block vectorization)
  uint32_t ub;
  std::memcpy(&ub, &v, sizeof ub);
  const uint32_t lim = 0xC2AE0000u;  // bits of -87.0f
  ub = ub > lim ? lim : ub;
  std::memcpy(&v, &ub, sizeof v);
  const float magic = 12582912.0f;  // 1.5 * 2^23: (t + magic) - magic rounds t to an integer
  float k = (v * 1.44269504088896341f + magic) - magic;
  float r = v - k * 0.693359375f;  // Cody-Waite: ln2 = 0.693359375 - 2.12194440e-4
  r = r + k * 2.12194440e-4f;
  float p = 1.9875691500e-4f;  // exp(r) on [-ln2/2, ln2/2]
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  int32_t bits = (static_cast<int32_t>(k) + 127) << 23;  // 2^k, k in [-126, 0]
  float scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}
#endif

// Order-preserving integer key of a (non-NaN) float, and its inverse.
static inline int32_t kv_key(float f) {
  int32_t b;
  std::memcpy(&b, &f, sizeof b);
  return b ^ ((b >> 31) & 0x7fffffff);
}
static inline float kv_unkey(int32_t k) {
  int32_t b = k ^ ((k >> 31) & 0x7fffffff);
  float f;
  std::memcpy(&f, &b, sizeof f);
  return f;
}

#if IMAX
static inline float kv_max(float a, float b) {
  int32_t ka = kv_key(a), kb = kv_key(b);
  return kv_unkey(ka > kb ? ka : kb);
}
#else
static inline float kv_max(float a, float b) { return a > b ? a : b; }
#endif

void softmax(const float* x, float* y, int64_t R, int64_t C) {
  for (int64_t r = 0; r < R; ++r) {
    const float* __restrict xr = x + r * C;
    float* __restrict yr = y + r * C;
    const int64_t cmain = C - C % ACC;
    float m, sum;
#if PASSES == 3
#if IMAX
    int32_t kl[ACC];
    for (int u = 0; u < ACC; ++u) kl[u] = kv_key(-FLT_MAX);
    for (int64_t j = 0; j < cmain; j += ACC) {
#pragma GCC unroll 32
      for (int u = 0; u < ACC; ++u) {
        int32_t k = kv_key(xr[j + u]);
        kl[u] = kl[u] > k ? kl[u] : k;
      }
    }
    for (int64_t j = cmain; j < C; ++j) {
      int32_t k = kv_key(xr[j]);
      kl[0] = kl[0] > k ? kl[0] : k;
    }
    for (int u = 1; u < ACC; ++u) kl[0] = kl[0] > kl[u] ? kl[0] : kl[u];
    m = kv_unkey(kl[0]);
#else
    float ml[ACC];
    for (int u = 0; u < ACC; ++u) ml[u] = -FLT_MAX;
    for (int64_t j = 0; j < cmain; j += ACC) {
#pragma GCC unroll 32
      for (int u = 0; u < ACC; ++u) ml[u] = kv_max(ml[u], xr[j + u]);
    }
    for (int64_t j = cmain; j < C; ++j) ml[0] = kv_max(ml[0], xr[j]);
    m = ml[0];
    for (int u = 1; u < ACC; ++u) m = kv_max(m, ml[u]);
#endif

    float sl[ACC];
    for (int u = 0; u < ACC; ++u) sl[u] = 0.0f;
    for (int64_t j = 0; j < cmain; j += ACC) {
#pragma GCC unroll 32
      for (int u = 0; u < ACC; ++u) {
        float e = kv_exp(xr[j + u] - m);
        yr[j + u] = e;
        sl[u] += e;
      }
    }
    for (int64_t j = cmain; j < C; ++j) {
      float e = kv_exp(xr[j] - m);
      yr[j] = e;
      sl[0] += e;
    }
    for (int w = ACC / 2; w >= 1; w /= 2)
      for (int u = 0; u < w; ++u) sl[u] += sl[u + w];
    sum = sl[0];
#if RECIP
    const float inv = 1.0f / sum;
    for (int64_t j = 0; j < C; ++j) yr[j] = yr[j] * inv;
#else
    for (int64_t j = 0; j < C; ++j) yr[j] = yr[j] / sum;
#endif
#else  // PASSES == 2
    float ml[ACC], sl[ACC];
    for (int u = 0; u < ACC; ++u) {
      ml[u] = -FLT_MAX;
      sl[u] = 0.0f;
    }
    for (int64_t j = 0; j < cmain; j += ACC) {
#pragma GCC unroll 32
      for (int u = 0; u < ACC; ++u) {
        float v = xr[j + u];
        float mn = kv_max(ml[u], v);
        sl[u] = sl[u] * kv_exp(ml[u] - mn) + kv_exp(v - mn);
        ml[u] = mn;
      }
    }
    for (int64_t j = cmain; j < C; ++j) {
      float v = xr[j];
      float mn = kv_max(ml[0], v);
      sl[0] = sl[0] * kv_exp(ml[0] - mn) + kv_exp(v - mn);
      ml[0] = mn;
    }
    m = ml[0];
    for (int u = 1; u < ACC; ++u) m = kv_max(m, ml[u]);
    sum = 0.0f;
    for (int u = 0; u < ACC; ++u) sum += sl[u] * kv_exp(ml[u] - m);
#if RECIP
    const float inv = 1.0f / sum;
    for (int64_t j = 0; j < C; ++j) yr[j] = kv_exp(xr[j] - m) * inv;
#else
    for (int64_t j = 0; j < C; ++j) yr[j] = kv_exp(xr[j] - m) / sum;
#endif
#endif
  }
}
