// triad: a[i] = b[i] + s[0] * c[i]  (fp32). The seed is the plain loop.
//
// Knobs (all -DNAME=value; the defaults below are the seed point):
//   HOIST     1: read s[0] once into a local; 0: read it in the loop (s may alias a)
//   RESTRICT  1: mark the pointers __restrict (drops GCC's runtime alias checks)
//   UNROLL    unroll factor of the main loop (#pragma GCC unroll)
//   NT        1: streaming (non-temporal) 32-byte stores of a after an alignment
//             peel; avoids the read-for-ownership of a, i.e. 12 instead of 16 bytes
//             of DRAM traffic per element. Needs HOIST=1.
#include <cstdint>

#ifndef HOIST
#define HOIST 0
#endif
#ifndef RESTRICT
#define RESTRICT 0
#endif
#ifndef UNROLL
#define UNROLL 1
#endif
#ifndef NT
#define NT 0
#endif

#if RESTRICT
#define KV_RESTRICT __restrict
#else
#define KV_RESTRICT
#endif

#define KV_STR2(x) #x
#define KV_STR(x) KV_STR2(x)
#define KV_PRAGMA(x) _Pragma(#x)
#define KV_UNROLL(n) KV_PRAGMA(GCC unroll n)

#if NT
#include <immintrin.h>
#endif

void triad(const float* KV_RESTRICT b, const float* KV_RESTRICT c, const float* KV_RESTRICT s,
           float* KV_RESTRICT a, int64_t n) {
#if NT
  const float scalar = s[0];
  int64_t i = 0;
  // peel until a is 32-byte aligned (a float* is always 4-byte aligned)
  while (i < n && (reinterpret_cast<uintptr_t>(a + i) & 31) != 0) {
    a[i] = b[i] + scalar * c[i];
    ++i;
  }
  const __m256 vs = _mm256_set1_ps(scalar);
  KV_UNROLL(UNROLL)
  for (; i + 8 <= n; i += 8) {
    __m256 vb = _mm256_loadu_ps(b + i);
    __m256 vc = _mm256_loadu_ps(c + i);
    _mm256_stream_ps(a + i, _mm256_fmadd_ps(vs, vc, vb));
  }
  _mm_sfence();
  for (; i < n; ++i) a[i] = b[i] + scalar * c[i];
#else
#if HOIST
  const float scalar = s[0];
#define KV_S scalar
#else
#define KV_S s[0]
#endif
  KV_UNROLL(UNROLL)
  for (int64_t i = 0; i < n; ++i) a[i] = b[i] + KV_S * c[i];
#endif
}
