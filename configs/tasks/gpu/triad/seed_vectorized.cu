// triad: a[i] = b[i] + s[0] * c[i] (fp32), vectorized.
// The vector part (n / VEC vectors of VEC floats; every buffer is 64-byte aligned, so
// vector v starts 4*VEC*v bytes in: aligned) is cut into chunks of BLOCK * ITEMS vectors.
// A block takes chunk blockIdx.x, then every gridDim.x-th chunk (grid-stride), and in a
// chunk thread t loads its ITEMS vectors t, t + BLOCK, ... (coalesced, all loads issued
// before the first store). The n % VEC tail floats go to the first threads of block 0.
//
// Knobs (all -DNAME=value; the defaults below are the seed point):
//   BLOCK   threads per block
//   VEC     floats per access: 1 (4-byte) or 4 (16-byte float4 loads and stores)
//   ITEMS   vectors per thread per chunk (independent loads in flight per thread)
//   WAVES   grid size: 0 = one chunk per block, cdiv(n / VEC, BLOCK * ITEMS) blocks;
//           w > 0 = a persistent grid of at most w * 132 blocks (132 SMs on an H100 SXM)
//           that strides over the chunks (set in the launch plan; the kernel only loops)
//   STREAM  1: streaming cache hints (ld.global.cs / st.global.cs: evict-first, the
//           data is touched once); 0: default caching
#ifndef BLOCK
#define BLOCK 256
#endif
#ifndef VEC
#define VEC 1
#endif
#ifndef ITEMS
#define ITEMS 1
#endif
#ifndef STREAM
#define STREAM 0
#endif

#if VEC == 4
typedef float4 vec_t;
__device__ __forceinline__ vec_t kv_axpy(float s, vec_t c, vec_t b) {
  return make_float4(b.x + s * c.x, b.y + s * c.y, b.z + s * c.z, b.w + s * c.w);
}
#elif VEC == 1
typedef float vec_t;
__device__ __forceinline__ vec_t kv_axpy(float s, vec_t c, vec_t b) { return b + s * c; }
#else
#error "VEC must be 1 or 4"
#endif

template <typename T>
__device__ __forceinline__ T kv_load(const T* p) {
#if STREAM
  return __ldcs(p);
#else
  return __ldg(p);
#endif
}
template <typename T>
__device__ __forceinline__ void kv_store(T* p, T v) {
#if STREAM
  __stcs(p, v);
#else
  *p = v;
#endif
}

extern "C" __global__ void __launch_bounds__(BLOCK) triad(const float* b, const float* c, const float* s, float* a,
                                                          long long n) {
  const float scalar = __ldg(s);
  const long long nvec = n / VEC;
  const vec_t* bv = reinterpret_cast<const vec_t*>(b);
  const vec_t* cv = reinterpret_cast<const vec_t*>(c);
  vec_t* av = reinterpret_cast<vec_t*>(a);
  const long long chunk = static_cast<long long>(BLOCK) * ITEMS;
  for (long long base = static_cast<long long>(blockIdx.x) * chunk + threadIdx.x; base < nvec;
       base += static_cast<long long>(gridDim.x) * chunk) {
    vec_t xb[ITEMS], xc[ITEMS];
#pragma unroll
    for (int u = 0; u < ITEMS; ++u) {
      const long long v = base + static_cast<long long>(u) * BLOCK;
      if (v < nvec) {
        xb[u] = kv_load(bv + v);
        xc[u] = kv_load(cv + v);
      }
    }
#pragma unroll
    for (int u = 0; u < ITEMS; ++u) {
      const long long v = base + static_cast<long long>(u) * BLOCK;
      if (v < nvec) kv_store(av + v, kv_axpy(scalar, xc[u], xb[u]));
    }
  }
  // the n % VEC floats past the last full vector
  if (blockIdx.x == 0) {
    const long long i = nvec * VEC + threadIdx.x;
    if (i < n) a[i] = b[i] + scalar * c[i];
  }
}
