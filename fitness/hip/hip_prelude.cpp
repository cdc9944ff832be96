#include "fitness/hip/hip_prelude.hpp"

namespace kevo::fitness::hip {

std::string hip_prelude(bool has_sync_shuffles) {
  std::string prelude = "#define KEVO_HIP 1\n";
  if (!has_sync_shuffles) {
    prelude +=
        "template <typename T> __device__ inline T __shfl_xor_sync(unsigned long long, T v, int mask, int width = 32) "
        "{ return __shfl_xor(v, mask, width); }\n"
        "template <typename T> __device__ inline T __shfl_down_sync(unsigned long long, T v, unsigned delta, "
        "int width = 32) { return __shfl_down(v, delta, width); }\n"
        "template <typename T> __device__ inline T __shfl_up_sync(unsigned long long, T v, unsigned delta, "
        "int width = 32) { return __shfl_up(v, delta, width); }\n"
        "template <typename T> __device__ inline T __shfl_sync(unsigned long long, T v, int lane, int width = 32) "
        "{ return __shfl(v, lane, width); }\n"
        "__device__ inline void __syncwarp(unsigned long long = 0) { __builtin_amdgcn_wave_barrier(); }\n"
        // CUDA's streaming cache hints (ld/st.global.cs): the value is the same, the hint is dropped.
        "template <typename T> __device__ inline T __ldcs(const T* p) { return *p; }\n"
        "template <typename T> __device__ inline void __stcs(T* p, T v) { *p = v; }\n";
  }
  return prelude;
}

std::string with_hip_prelude(const std::string& source, bool has_sync_shuffles) {
  return hip_prelude(has_sync_shuffles) + "#line 1 \"kernel.hip\"\n" + source;
}

}  // namespace kevo::fitness::hip
