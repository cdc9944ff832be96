// kevo best variant 7e8afc88cc7a61476a26319b3a14a6dbff92fc676359c3521265c7b36de86688 for task 'row_reduce' (seed family 'warp_rows'), 5.098765x over the seed on cuda:0:NVIDIA-H200
#define RPB 2
#define UNROLL 2
#define VEC 4
#define WPR 8
// row_reduce: out[r] = sum_j x[r * C + j] (fp32, row-major [R, C]).
// A group of TPR = 32 * WPR threads (WPR whole warps) reduces one row; a block holds RPB
// such groups (RPB rows), so the grid is cdiv(R, RPB). Thread t of a group reads
// vectors t, t + TPR, ..., UNROLL of them per step, all loads issued before the adds
// (coalesced across the group). Each thread keeps UNROLL partial sums; they are added,
// reduced across the warp with shuffles and, for WPR > 1, across the group's warps
// through shared memory in a fixed order.
// Vector loads (VEC = 4, float4) need 16-byte aligned rows: buffers are 64-byte aligned,
// so the rows are aligned exactly when C % 4 == 0; for other C the kernel takes the
// scalar path (same structure, one float per load).
//
// Knobs (all -DNAME=value; the defaults below are the seed point):
//   WPR     warps per row (threads per row = 32 * WPR)
//   RPB     rows per block (block = 32 * WPR * RPB threads)
//   VEC     floats per load: 1 or 4 (float4 when C % 4 == 0, else scalar)
//   UNROLL  loads in flight per thread per step (and partial sums per thread)
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

__device__ __forceinline__ float kv_hsum(float v) { return v; }
__device__ __forceinline__ float kv_hsum(float4 v) { return (v.x + v.y) + (v.z + v.w); }

// Sum of this thread's share of the row: vectors lane, lane + TPR, ... of nv vectors of type T.
template <typename T>
__device__ __forceinline__ float kv_thread_sum(const T* p, long long nv, int lane) {
  float acc[UNROLL];
#pragma unroll
  for (int u = 0; u < UNROLL; ++u) acc[u] = 0.0f;
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
      if (i < nv) acc[u] += kv_hsum(v[u]);
    }
  }
#pragma unroll
  for (int w = UNROLL / 2; w >= 1; w /= 2)
#pragma unroll
    for (int u = 0; u < w; ++u) acc[u] += acc[u + w];
  return acc[0];
}

extern "C" __global__ void __launch_bounds__(BLOCK) row_reduce(const float* x, float* out, long long R, long long C) {
  const int group = threadIdx.x / TPR;  // row within the block
  const int lane = threadIdx.x % TPR;   // thread within the row's group
  const long long row = static_cast<long long>(blockIdx.x) * RPB + group;
  float sum = 0.0f;
  if (row < R) {
    const float* xr = x + row * C;
#if VEC == 4
    if (C % 4 == 0)
      sum = kv_thread_sum(reinterpret_cast<const float4*>(xr), C / 4, lane);
    else
#endif
      sum = kv_thread_sum(xr, C, lane);
  }
#pragma unroll
  for (int offset = 16; offset > 0; offset /= 2) sum += __shfl_xor_sync(0xffffffffu, sum, offset);
#if WPR > 1
  __shared__ float partial[RPB][WPR];
  if (threadIdx.x % 32 == 0) partial[group][lane / 32] = sum;
  __syncthreads();  // every thread reaches this (rows past R only skip the loads)
  if (lane == 0) {
    sum = partial[group][0];
#pragma unroll
    for (int w = 1; w < WPR; ++w) sum += partial[group][w];
  }
#endif
  if (lane == 0 && row < R) out[row] = sum;
}
