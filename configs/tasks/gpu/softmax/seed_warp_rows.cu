// softmax over the rows of x [R, C] (fp32): y = exp(x - rowmax) / sum(exp(x - rowmax)).
// A group of TPR = 32 * WPR threads (WPR whole warps) handles one row; a block holds RPB
// groups (rows), so the grid is cdiv(R, RPB). Two passes over the row:
//   1. online max and sum: each thread loads UNROLL vectors (vectors t, t + TPR, ... of
//      the row; all loads issued first), takes their max, rescales its running sum once
//      per step and adds their exps; the (max, sum) pairs are merged across the warp with
//      shuffles and, for WPR > 1, across the group's warps through shared memory.
//   2. y = exp(x - max) * (1 / sum), re-reading x (a just-read row is mostly in L2).
// Vector accesses (VEC = 4, float4) need 16-byte aligned rows: buffers are 64-byte
// aligned, so rows are aligned exactly when C % 4 == 0; for other C the kernel takes the
// scalar path (same structure, one float per access).
//
// Knobs (all -DNAME=value; the defaults below are the seed point):
//   WPR      warps per row (threads per row = 32 * WPR)
//   RPB      rows per block (block = 32 * WPR * RPB threads)
//   VEC      floats per access: 1 or 4 (float4 when C % 4 == 0, else scalar)
//   UNROLL   vectors loaded per thread per step (loads in flight)
//   FASTEXP  1: __expf (ex2.approx based, ~2 ulp plus the argument's rounding);
//            0: expf (full-precision libdevice exp)
#ifndef WPR
#define WPR 1
#endif
#ifndef RPB
#define RPB 4
#endif
#ifndef VEC
#define VEC 1
#endif
#ifndef UNROLL
#define UNROLL 1
#endif
#ifndef FASTEXP
#define FASTEXP 0
#endif

#define TPR (32 * WPR)
#define BLOCK (TPR * RPB)
#define KV_LOWEST (-3.402823466e38f)

__device__ __forceinline__ float kv_exp(float v) {
#if FASTEXP
  return __expf(v);
#else
  return expf(v);
#endif
}

__device__ __forceinline__ float kv_max(float v) { return v; }
__device__ __forceinline__ float kv_max(float4 v) { return fmaxf(fmaxf(v.x, v.y), fmaxf(v.z, v.w)); }
__device__ __forceinline__ float kv_sum_exp(float v, float m) { return kv_exp(v - m); }
__device__ __forceinline__ float kv_sum_exp(float4 v, float m) {
  return (kv_exp(v.x - m) + kv_exp(v.y - m)) + (kv_exp(v.z - m) + kv_exp(v.w - m));
}
__device__ __forceinline__ float kv_scale_exp(float v, float m, float inv) { return kv_exp(v - m) * inv; }
__device__ __forceinline__ float4 kv_scale_exp(float4 v, float m, float inv) {
  return make_float4(kv_exp(v.x - m) * inv, kv_exp(v.y - m) * inv, kv_exp(v.z - m) * inv, kv_exp(v.w - m) * inv);
}

// Merges the running (max, sum) pair (m, s) with (m2, s2).
__device__ __forceinline__ void kv_merge(float& m, float& s, float m2, float s2) {
  const float mn = fmaxf(m, m2);
  s = s * kv_exp(m - mn) + s2 * kv_exp(m2 - mn);
  m = mn;
}

// Pass 1 over this thread's vectors lane, lane + TPR, ... of the nv vectors of type T at p.
template <typename T>
__device__ __forceinline__ void kv_online(const T* p, long long nv, int lane, float& m, float& s) {
  for (long long base = lane; base < nv; base += static_cast<long long>(TPR) * UNROLL) {
    T v[UNROLL];
#pragma unroll
    for (int u = 0; u < UNROLL; ++u) {
      const long long i = base + static_cast<long long>(u) * TPR;
      if (i < nv) v[u] = __ldg(p + i);
    }
    float bm = KV_LOWEST;  // base < nv: at least v[0] is valid
#pragma unroll
    for (int u = 0; u < UNROLL; ++u)
      if (base + static_cast<long long>(u) * TPR < nv) bm = fmaxf(bm, kv_max(v[u]));
    const float mn = fmaxf(m, bm);
    float add = 0.0f;
#pragma unroll
    for (int u = 0; u < UNROLL; ++u)
      if (base + static_cast<long long>(u) * TPR < nv) add += kv_sum_exp(v[u], mn);
    s = s * kv_exp(m - mn) + add;
    m = mn;
  }
}

// Pass 2: q[i] = exp(p[i] - m) * inv for this thread's vectors.
template <typename T>
__device__ __forceinline__ void kv_write(const T* p, T* q, long long nv, int lane, float m, float inv) {
  for (long long base = lane; base < nv; base += static_cast<long long>(TPR) * UNROLL) {
    T v[UNROLL];
#pragma unroll
    for (int u = 0; u < UNROLL; ++u) {
      const long long i = base + static_cast<long long>(u) * TPR;
      if (i < nv) v[u] = __ldg(p + i);
    }
#pragma unroll
    for (int u = 0; u < UNROLL; ++u) {
      const long long i = base + static_cast<long long>(u) * TPR;
      if (i < nv) q[i] = kv_scale_exp(v[u], m, inv);
    }
  }
}

extern "C" __global__ void __launch_bounds__(BLOCK) softmax(const float* x, float* y, long long R, long long C) {
  const int group = threadIdx.x / TPR;  // row within the block
  const int lane = threadIdx.x % TPR;   // thread within the row's group
  const long long row = static_cast<long long>(blockIdx.x) * RPB + group;
  const bool active = row < R;
  const float* xr = x + (active ? row : 0) * C;
  float* yr = y + (active ? row : 0) * C;
#if VEC == 4
  const bool vec = C % 4 == 0;
#endif
  float m = KV_LOWEST, s = 0.0f;
  if (active) {
#if VEC == 4
    if (vec)
      kv_online(reinterpret_cast<const float4*>(xr), C / 4, lane, m, s);
    else
#endif
      kv_online(xr, C, lane, m, s);
  }
#pragma unroll
  for (int offset = 16; offset > 0; offset /= 2) {
    const float m2 = __shfl_xor_sync(0xffffffffu, m, offset);
    const float s2 = __shfl_xor_sync(0xffffffffu, s, offset);
    kv_merge(m, s, m2, s2);
  }
#if WPR > 1
  __shared__ float part_m[RPB][WPR];
  __shared__ float part_s[RPB][WPR];
  if (threadIdx.x % 32 == 0) {
    part_m[group][lane / 32] = m;
    part_s[group][lane / 32] = s;
  }
  __syncthreads();  // every thread reaches this (rows past R only skip the loads)
  m = part_m[group][0];
  s = part_s[group][0];
#pragma unroll
  for (int w = 1; w < WPR; ++w) kv_merge(m, s, part_m[group][w], part_s[group][w]);
#endif
  if (!active) return;
  const float inv = 1.0f / s;
#if VEC == 4
  if (vec)
    kv_write(reinterpret_cast<const float4*>(xr), reinterpret_cast<float4*>(yr), C / 4, lane, m, inv);
  else
#endif
    kv_write(xr, yr, C, lane, m, inv);
}
