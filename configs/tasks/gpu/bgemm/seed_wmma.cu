// bgemm: C = A * B, bf16 inputs, fp32 accumulation and output, row-major A [M, K],
// B [K, N], C [M, N], on the tensor cores through WMMA (16 x 16 x 16 bf16 fragments,
// fp32 accumulators; mma.sync underneath).
// A block of WM x WN warps computes a BM x BN tile of C; warp (wm, wn) owns the
// (BM/WM) x (BN/WN) sub-tile, FM x FN fragments of 16 x 16 accumulators in registers.
// K is walked in BK-deep slices through a ring of STAGES shared-memory buffers filled by
// cp.async (16-byte copies, bypassing L1 and registers): while the warps multiply slice
// s, the copies of slices s + 1 .. s + STAGES - 1 are in flight. Rows are padded by 8
// bf16 (16 bytes) against bank conflicts in the fragment loads.
// Edges: 16-byte copies need 16-byte aligned rows, i.e. K % 8 == 0 (A) and N % 8 == 0
// (B); a copy past M, N or K is a zero fill (cp.async with source size 0). For other K
// or N that operand is staged element by element with bounds checks (slow, correct).
// Fragments of C fully inside C (and N % 4 == 0) are stored straight to C; the others
// go through a per-warp 16 x 16 staging tile in shared memory, element by element.
//
// Knobs (all -DNAME=value; the defaults below are the seed point):
//   BM, BN   block tile of C
//   BK       K slice per pipeline stage (a multiple of 16)
//   WM, WN   warps along M and N (block = 32 * WM * WN threads)
//   STAGES   shared-memory ring depth (2: double buffering; 3, 4: deeper prefetch)
// SLD (a compile-time switch, not a task knob; default 1) picks the fragment loads:
//   0: wmma::load_matrix_sync, which for bf16 emits the generic-address wmma.load form
//      (ptxas cannot tell the pointer is shared and issues generic 32-bit loads; with
//      NVRTC 13.0 on H200 the best tile reached 225 TFLOP/s, and many tiles spill);
//   1: the same wmma.load instruction in inline PTX with the .shared state space (same
//      fragment layout, shared-memory loads; best tile 284 TFLOP/s on the same H200).
// Dynamic shared memory: STAGES * 2 * (BM * (BK + 8) + BK * (BN + 8)) bytes for the ring
// plus WM * WN * 16 * 20 * 4 for the staging tiles (the launch plan's shared_bytes).
#include <cuda_bf16.h>
#include <mma.h>

#ifndef BM
#define BM 64
#endif
#ifndef BN
#define BN 64
#endif
#ifndef BK
#define BK 32
#endif
#ifndef WM
#define WM 2
#endif
#ifndef WN
#define WN 2
#endif
#ifndef STAGES
#define STAGES 2
#endif
#ifndef SLD
#define SLD 1
#endif

#define NT (32 * WM * WN)
#define WTM (BM / WM)        // warp tile rows
#define WTN (BN / WN)        // warp tile columns
#define FM (WTM / 16)        // fragments per warp along M
#define FN (WTN / 16)        // fragments per warp along N
#define LDA (BK + 8)         // padded row length (bf16) of an A slice [BM][BK]
#define LDB (BN + 8)         // padded row length (bf16) of a B slice [BK][BN]
#define STAGE_ELEMS (BM * LDA + BK * LDB)
#define LDS 20               // row length (floats) of a warp's 16 x 16 staging tile

#if WTM % 16 != 0 || WTN % 16 != 0 || BK % 16 != 0 || STAGES < 2
#error "warp tiles must be multiples of 16, BK a multiple of 16, STAGES >= 2"
#endif

using namespace nvcuda;
typedef __nv_bfloat16 bf16;

__device__ __forceinline__ void kv_cp_async16(void* smem_dst, const void* gmem_src, bool valid) {
  const unsigned dst = static_cast<unsigned>(__cvta_generic_to_shared(smem_dst));
  const int src_bytes = valid ? 16 : 0;  // 0: no read, 16 zero bytes written
  asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;\n" ::"r"(dst), "l"(gmem_src), "r"(src_bytes));
}
__device__ __forceinline__ void kv_cp_async_commit() { asm volatile("cp.async.commit_group;\n" ::); }
template <int N_>
__device__ __forceinline__ void kv_cp_async_wait() {
  asm volatile("cp.async.wait_group %0;\n" ::"n"(N_));
}

typedef wmma::fragment<wmma::matrix_a, 16, 16, 16, bf16, wmma::row_major> frag_a;
typedef wmma::fragment<wmma::matrix_b, 16, 16, 16, bf16, wmma::row_major> frag_b;

// Fragment loads from shared memory (see SLD). A bf16 16x16x16 fragment is 4 32-bit
// registers per thread (mma.hpp itself passes it as int*).
__device__ __forceinline__ void kv_load_a(frag_a& f, const bf16* p, unsigned ldm) {
#if SLD
  int* r = reinterpret_cast<int*>(&f);
  const unsigned addr = static_cast<unsigned>(__cvta_generic_to_shared(p));
  asm volatile("wmma.load.a.sync.aligned.row.m16n16k16.shared.bf16 {%0, %1, %2, %3}, [%4], %5;\n"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
               : "r"(addr), "r"(ldm)
               : "memory");
#else
  wmma::load_matrix_sync(f, p, ldm);
#endif
}
__device__ __forceinline__ void kv_load_b(frag_b& f, const bf16* p, unsigned ldm) {
#if SLD
  int* r = reinterpret_cast<int*>(&f);
  const unsigned addr = static_cast<unsigned>(__cvta_generic_to_shared(p));
  asm volatile("wmma.load.b.sync.aligned.row.m16n16k16.shared.bf16 {%0, %1, %2, %3}, [%4], %5;\n"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
               : "r"(addr), "r"(ldm)
               : "memory");
#else
  wmma::load_matrix_sync(f, p, ldm);
#endif
}

// Issues the copies of K slice `slice` (columns k0.. of A, rows k0.. of B) into `stage`.
__device__ __forceinline__ void kv_load_slice(bf16* stage, const bf16* __restrict__ A, const bf16* __restrict__ B,
                                              long long M, long long N, long long K, long long m0, long long n0,
                                              long long k0, bool vec_a, bool vec_b) {
  bf16* sA = stage;
  bf16* sB = stage + BM * LDA;
  if (vec_a) {
    for (int c = threadIdx.x; c < BM * BK / 8; c += NT) {
      const int r = c / (BK / 8), col = (c % (BK / 8)) * 8;
      const long long m = m0 + r, k = k0 + col;
      const bool ok = m < M && k < K;  // K % 8 == 0: the 8 elements are all in or all out
      kv_cp_async16(sA + r * LDA + col, ok ? A + m * K + k : A, ok);
    }
  } else {
    for (int e = threadIdx.x; e < BM * BK; e += NT) {
      const int r = e / BK, col = e % BK;
      const long long m = m0 + r, k = k0 + col;
      sA[r * LDA + col] = (m < M && k < K) ? A[m * K + k] : __float2bfloat16(0.0f);
    }
  }
  if (vec_b) {
    for (int c = threadIdx.x; c < BK * BN / 8; c += NT) {
      const int r = c / (BN / 8), col = (c % (BN / 8)) * 8;
      const long long k = k0 + r, n = n0 + col;
      const bool ok = k < K && n < N;  // N % 8 == 0: all in or all out
      kv_cp_async16(sB + r * LDB + col, ok ? B + k * N + n : B, ok);
    }
  } else {
    for (int e = threadIdx.x; e < BK * BN; e += NT) {
      const int r = e / BN, col = e % BN;
      const long long k = k0 + r, n = n0 + col;
      sB[r * LDB + col] = (k < K && n < N) ? B[k * N + n] : __float2bfloat16(0.0f);
    }
  }
}

extern "C" __global__ void __launch_bounds__(NT) bgemm(const bf16* __restrict__ A, const bf16* __restrict__ B,
                                                       float* __restrict__ C, long long M, long long N, long long K) {
  extern __shared__ __align__(128) unsigned char kv_smem[];
  bf16* ring = reinterpret_cast<bf16*>(kv_smem);
  float* staging = reinterpret_cast<float*>(kv_smem + static_cast<size_t>(STAGES) * STAGE_ELEMS * sizeof(bf16));

  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
  const int wm = warp / WN, wn = warp % WN;
  const long long m0 = static_cast<long long>(blockIdx.y) * BM;
  const long long n0 = static_cast<long long>(blockIdx.x) * BN;
  const bool vec_a = K % 8 == 0, vec_b = N % 8 == 0;

  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc[FM][FN];
#pragma unroll
  for (int i = 0; i < FM; ++i)
#pragma unroll
    for (int j = 0; j < FN; ++j) wmma::fill_fragment(acc[i][j], 0.0f);

  const long long slices = (K + BK - 1) / BK;
  // prologue: slices 0 .. STAGES-2 in flight (one commit group per slice, empty groups past the end)
#pragma unroll
  for (int s = 0; s < STAGES - 1; ++s) {
    if (s < slices) kv_load_slice(ring + s * STAGE_ELEMS, A, B, M, N, K, m0, n0, s * BK, vec_a, vec_b);
    kv_cp_async_commit();
  }
  for (long long s = 0; s < slices; ++s) {
    kv_cp_async_wait<STAGES - 2>();  // this thread's copies of slice s have landed
    __syncthreads();                 // everyone's have; and everyone is done with slice s - 1
    // refill the stage of slice s - 1 with slice s + STAGES - 1
    const long long next = s + STAGES - 1;
    if (next < slices)
      kv_load_slice(ring + (next % STAGES) * STAGE_ELEMS, A, B, M, N, K, m0, n0, next * BK, vec_a, vec_b);
    kv_cp_async_commit();

    const bf16* sA = ring + (s % STAGES) * STAGE_ELEMS;
    const bf16* sB = sA + BM * LDA;
#pragma unroll
    for (int kk = 0; kk < BK; kk += 16) {
      frag_a fa[FM];
      frag_b fb[FN];
#pragma unroll
      for (int i = 0; i < FM; ++i) kv_load_a(fa[i], sA + (wm * WTM + i * 16) * LDA + kk, LDA);
#pragma unroll
      for (int j = 0; j < FN; ++j) kv_load_b(fb[j], sB + kk * LDB + wn * WTN + j * 16, LDB);
#pragma unroll
      for (int i = 0; i < FM; ++i)
#pragma unroll
        for (int j = 0; j < FN; ++j) wmma::mma_sync(acc[i][j], fa[i], fb[j], acc[i][j]);
    }
  }
  kv_cp_async_wait<0>();  // no copy may still target shared memory when the block exits

  float* stile = staging + warp * 16 * LDS;
#pragma unroll
  for (int i = 0; i < FM; ++i)
#pragma unroll
    for (int j = 0; j < FN; ++j) {
      const long long r0 = m0 + wm * WTM + i * 16, c0 = n0 + wn * WTN + j * 16;
      if (r0 >= M || c0 >= N) continue;  // warp-uniform
      if (r0 + 16 <= M && c0 + 16 <= N && N % 4 == 0) {
        // (r0 * N + c0) * 4 bytes is a multiple of 32: r0 and c0 are multiples of 16
        wmma::store_matrix_sync(C + r0 * N + c0, acc[i][j], static_cast<unsigned>(N), wmma::mem_row_major);
      } else {
        wmma::store_matrix_sync(stile, acc[i][j], LDS, wmma::mem_row_major);
        __syncwarp();
        for (int e = lane; e < 256; e += 32) {
          const long long r = r0 + e / 16, c = c0 + e % 16;
          if (r < M && c < N) C[r * N + c] = stile[(e / 16) * LDS + e % 16];
        }
        __syncwarp();
      }
    }
}
