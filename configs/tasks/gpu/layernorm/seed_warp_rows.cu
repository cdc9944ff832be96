// layernorm over the rows of x [R, C] (fp32):
//   y = (x - mean) / sqrt(var + 1e-5) * gamma + beta   (var: biased, 1/C)
// A group of TPR = 32 * WPR threads (WPR whole warps) handles one row; a block holds RPB
// groups (rows), so the grid is cdiv(R, RPB). Two passes over the row:
//   1. sums of d = x - x[r][0] and d * d (shifting by the row's first element keeps
//      E[d^2] - E[d]^2 from cancelling when |mean| >> stddev); each thread loads UNROLL
//      vectors per step (vectors t, t + TPR, ...; all loads issued first); the sums are
//      reduced across the warp with shuffles and, for WPR > 1, across the group's warps
//      through shared memory in a fixed order.
//   2. y = (x - mean) * (rstd * gamma) + beta, re-reading x (mostly from L2) and gamma, beta.
// Vector accesses (VEC = 4, float4) need 16-byte aligned rows: buffers are 64-byte
// aligned, so rows are aligned exactly when C % 4 == 0 (gamma and beta always are); for
// other C the kernel takes the scalar path (same structure, one float per access).
//
// Knobs (all -DNAME=value; the defaults below are the seed point):
//   WPR     warps per row (threads per row = 32 * WPR)
//   RPB     rows per block (block = 32 * WPR * RPB threads)
//   VEC     floats per access: 1 or 4 (float4 when C % 4 == 0, else scalar)
//   UNROLL  vectors loaded per thread per step (loads in flight)
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

#define TPR (32 * WPR)
#define BLOCK (TPR * RPB)

__device__ __forceinline__ void kv_acc(float v, float shift, float& s1, float& s2) {
  const float d = v - shift;
  s1 += d;
  s2 += d * d;
}
__device__ __forceinline__ void kv_acc(float4 v, float shift, float& s1, float& s2) {
  kv_acc(v.x, shift, s1, s2);
  kv_acc(v.y, shift, s1, s2);
  kv_acc(v.z, shift, s1, s2);
  kv_acc(v.w, shift, s1, s2);
}
__device__ __forceinline__ float kv_norm(float v, float mean, float rstd, float g, float b) {
  return (v - mean) * (rstd * g) + b;
}
__device__ __forceinline__ float4 kv_norm(float4 v, float mean, float rstd, float4 g, float4 b) {
  return make_float4(kv_norm(v.x, mean, rstd, g.x, b.x), kv_norm(v.y, mean, rstd, g.y, b.y),
                     kv_norm(v.z, mean, rstd, g.z, b.z), kv_norm(v.w, mean, rstd, g.w, b.w));
}

// Pass 1 over this thread's vectors lane, lane + TPR, ... of the nv vectors of type T at p.
template <typename T>
__device__ __forceinline__ void kv_sums(const T* p, long long nv, int lane, float shift, float& s1, float& s2) {
  for (long long base = lane; base < nv; base += static_cast<long long>(TPR) * UNROLL) {
    T v[UNROLL];
#pragma unroll
    for (int u = 0; u < UNROLL; ++u) {
      const long long i = base + static_cast<long long>(u) * TPR;
      if (i < nv) v[u] = __ldg(p + i);
    }
#pragma unroll
    for (int u = 0; u < UNROLL; ++u)
      if (base + static_cast<long long>(u) * TPR < nv) kv_acc(v[u], shift, s1, s2);
  }
}

// Pass 2: q[i] = (p[i] - mean) * (rstd * g[i]) + b[i] for this thread's vectors.
template <typename T>
__device__ __forceinline__ void kv_write(const T* p, const T* g, const T* b, T* q, long long nv, int lane, float mean,
                                         float rstd) {
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
      if (i < nv) q[i] = kv_norm(v[u], mean, rstd, __ldg(g + i), __ldg(b + i));
    }
  }
}

extern "C" __global__ void __launch_bounds__(BLOCK) layernorm(const float* x, const float* gamma, const float* beta,
                                                              float* y, long long R, long long C) {
  const int group = threadIdx.x / TPR;  // row within the block
  const int lane = threadIdx.x % TPR;   // thread within the row's group
  const long long row = static_cast<long long>(blockIdx.x) * RPB + group;
  const bool active = row < R;
  const float* xr = x + (active ? row : 0) * C;
  float* yr = y + (active ? row : 0) * C;
#if VEC == 4
  const bool vec = C % 4 == 0;
#endif
  const float shift = __ldg(xr);
  float s1 = 0.0f, s2 = 0.0f;
  if (active) {
#if VEC == 4
    if (vec)
      kv_sums(reinterpret_cast<const float4*>(xr), C / 4, lane, shift, s1, s2);
    else
#endif
      kv_sums(xr, C, lane, shift, s1, s2);
  }
#pragma unroll
  for (int offset = 16; offset > 0; offset /= 2) {
    s1 += __shfl_xor_sync(0xffffffffu, s1, offset);
    s2 += __shfl_xor_sync(0xffffffffu, s2, offset);
  }
#if WPR > 1
  __shared__ float part1[RPB][WPR];
  __shared__ float part2[RPB][WPR];
  if (threadIdx.x % 32 == 0) {
    part1[group][lane / 32] = s1;
    part2[group][lane / 32] = s2;
  }
  __syncthreads();  // every thread reaches this (rows past R only skip the loads)
  s1 = part1[group][0];
  s2 = part2[group][0];
#pragma unroll
  for (int w = 1; w < WPR; ++w) {
    s1 += part1[group][w];
    s2 += part2[group][w];
  }
#endif
  if (!active) return;
  const float inv_c = 1.0f / static_cast<float>(C);
  const float dmean = s1 * inv_c;  // mean of d = x - shift
  const float var = fmaxf(s2 * inv_c - dmean * dmean, 0.0f);
  const float mean = shift + dmean;
  const float rstd = rsqrtf(var + 1e-5f);
#if VEC == 4
  if (vec)
    kv_write(reinterpret_cast<const float4*>(xr), reinterpret_cast<const float4*>(gamma),
             reinterpret_cast<const float4*>(beta), reinterpret_cast<float4*>(yr), C / 4, lane, mean, rstd);
  else
#endif
    kv_write(xr, gamma, beta, yr, C, lane, mean, rstd);
}
