#pragma once
// The HIP runtime (libamdhip64), loaded at run time with dlopen so that
// kevo-worker starts without ROCm and only `kevo-worker --hip N` looks for
// it. Only the entry points the HIP runner calls are declared, with the ABI
// of ROCm 5.x's hip_runtime_api.h (tests/fitness/test_hip_abi.cpp checks the
// constants against that header where it is installed). Every call goes
// through check(), which turns a failure into a HipError naming the call.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "fitness/gpu/gpu_error.hpp"

namespace kevo::fitness::hip {

using hipError = int;
using hipDeviceptr = void*;
using hipModule = struct ihipModule_t*;
using hipFunction = struct ihipModuleSymbol_t*;
using hipStream = struct ihipStream_t*;
using hipEvent = struct ihipEvent_t*;

namespace hip_attribute {  // hipDeviceAttribute_t
inline constexpr int clock_rate_khz = 5;
inline constexpr int l2_cache_bytes = 19;
inline constexpr int max_threads_per_block = 56;
inline constexpr int max_threads_per_multiprocessor = 57;
inline constexpr int memory_bus_width_bits = 59;
inline constexpr int memory_clock_rate_khz = 60;
inline constexpr int multiprocessor_count = 63;
inline constexpr int pci_bus_id = 67;
inline constexpr int pci_device_id = 68;
inline constexpr int pci_domain_id = 69;
inline constexpr int max_shared_memory_per_block = 74;
inline constexpr int warp_size = 87;
inline constexpr int max_shared_memory_per_multiprocessor = 10002;
}  // namespace hip_attribute

namespace hip_function_attribute {  // hipFunction_attribute
inline constexpr int max_threads_per_block = 0;
inline constexpr int shared_size_bytes = 1;
inline constexpr int local_size_bytes = 3;
inline constexpr int num_regs = 4;
}  // namespace hip_function_attribute

namespace hip_result {
inline constexpr hipError success = 0;
inline constexpr hipError no_device = 100;
inline constexpr hipError illegal_address = 700;
inline constexpr hipError launch_timeout = 702;
inline constexpr hipError assert_failed = 710;
inline constexpr hipError launch_failure = 719;
}  // namespace hip_result

// A failed HIP call; `sticky` ones (a faulting kernel) leave the device
// unusable for this process: the worker exits and the engine starts another.
struct HipError : gpu::GpuError {
  HipError(const std::string& message, hipError code, bool sticky) : gpu::GpuError(message, sticky), code(code) {}
  hipError code;
};

class HipRuntimeApi {
 public:
  // dlopen("libamdhip64.so.6"/".5"/".so", then $ROCM_PATH/lib, /opt/rocm/lib);
  // throws std::runtime_error ("no ROCm HIP runtime: ...") when it cannot.
  HipRuntimeApi();
  HipRuntimeApi(const HipRuntimeApi&) = delete;
  HipRuntimeApi& operator=(const HipRuntimeApi&) = delete;

  void check(hipError code, const std::string& what) const;
  std::string describe(hipError code) const;  // "hipErrorIllegalAddress: an illegal memory access ..."
  const std::string& library() const { return library_path_; }

  hipError (*hipInit)(unsigned) = nullptr;
  hipError (*hipRuntimeGetVersion)(int*) = nullptr;
  hipError (*hipGetDeviceCount)(int*) = nullptr;
  hipError (*hipSetDevice)(int) = nullptr;
  hipError (*hipDeviceGetName)(char*, int, int) = nullptr;
  hipError (*hipDeviceGetAttribute)(int*, int, int) = nullptr;
  hipError (*hipDeviceTotalMem)(std::size_t*, int) = nullptr;
  hipError (*hipModuleLoadData)(hipModule*, const void*) = nullptr;
  hipError (*hipModuleUnload)(hipModule) = nullptr;
  hipError (*hipModuleGetFunction)(hipFunction*, hipModule, const char*) = nullptr;
  hipError (*hipFuncGetAttribute)(int*, int, hipFunction) = nullptr;
  hipError (*hipModuleOccupancyMaxActiveBlocksPerMultiprocessor)(int*, hipFunction, int, std::size_t) = nullptr;
  hipError (*hipMalloc)(void**, std::size_t) = nullptr;
  hipError (*hipFree)(void*) = nullptr;
  hipError (*hipMemGetInfo)(std::size_t*, std::size_t*) = nullptr;
  hipError (*hipMemcpyHtoD)(hipDeviceptr, void*, std::size_t) = nullptr;
  hipError (*hipMemcpyDtoH)(void*, hipDeviceptr, std::size_t) = nullptr;
  hipError (*hipMemcpyDtoDAsync)(hipDeviceptr, hipDeviceptr, std::size_t, hipStream) = nullptr;
  hipError (*hipMemsetD8Async)(hipDeviceptr, unsigned char, std::size_t, hipStream) = nullptr;
  hipError (*hipDeviceSynchronize)() = nullptr;
  hipError (*hipStreamCreate)(hipStream*) = nullptr;
  hipError (*hipStreamSynchronize)(hipStream) = nullptr;
  hipError (*hipEventCreate)(hipEvent*) = nullptr;
  hipError (*hipEventDestroy)(hipEvent) = nullptr;
  hipError (*hipEventRecord)(hipEvent, hipStream) = nullptr;
  hipError (*hipEventElapsedTime)(float*, hipEvent, hipEvent) = nullptr;
  hipError (*hipModuleLaunchKernel)(hipFunction, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned,
                                    unsigned, hipStream, void**, void**) = nullptr;
  const char* (*hipGetErrorName)(hipError) = nullptr;
  const char* (*hipGetErrorString)(hipError) = nullptr;

 private:
  void* library_ = nullptr;
  std::string library_path_;
};

bool is_sticky(hipError code);

}  // namespace kevo::fitness::hip
