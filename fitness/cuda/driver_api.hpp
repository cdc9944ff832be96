#pragma once
// The CUDA driver API, loaded at run time with dlopen so that kevo and
// kevo-worker start (and run CPU tasks) on machines without an NVIDIA driver.
// Only the entry points kevo uses are declared, with the ABI of cuda.h
// (tests/fitness/test_cuda_abi.cpp checks every constant against cuda.h
// where the toolkit is installed). Every call goes through check(), which
// turns a failure into a DriverError naming the call and the driver's text.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "fitness/gpu/gpu_error.hpp"

namespace kevo::fitness::cuda {

using CUresult = int;
using CUdevice = int;
using CUdeviceptr = unsigned long long;
using CUcontext = struct CUctx_st*;
using CUmodule = struct CUmod_st*;
using CUfunction = struct CUfunc_st*;
using CUstream = struct CUstream_st*;
using CUevent = struct CUevent_st*;
using CUgraph = struct CUgraph_st*;
using CUgraphExec = struct CUgraphExec_st*;

namespace attribute {
inline constexpr int max_block_dim_x = 2;
inline constexpr int max_grid_dim_y = 6;
inline constexpr int warp_size = 10;
inline constexpr int clock_rate_khz = 13;
inline constexpr int multiprocessor_count = 16;
inline constexpr int pci_bus_id = 33;
inline constexpr int pci_device_id = 34;
inline constexpr int memory_clock_rate_khz = 36;
inline constexpr int memory_bus_width_bits = 37;
inline constexpr int l2_cache_bytes = 38;
inline constexpr int max_threads_per_multiprocessor = 39;
inline constexpr int compute_capability_major = 75;
inline constexpr int compute_capability_minor = 76;
inline constexpr int max_shared_memory_per_multiprocessor = 81;
inline constexpr int pci_domain_id = 50;
inline constexpr int max_registers_per_multiprocessor = 82;
inline constexpr int max_shared_memory_per_block_optin = 97;
}  // namespace attribute

namespace function_attribute {
inline constexpr int max_threads_per_block = 0;
inline constexpr int shared_size_bytes = 1;
inline constexpr int local_size_bytes = 3;
inline constexpr int num_regs = 4;
inline constexpr int max_dynamic_shared_size_bytes = 8;
}  // namespace function_attribute

namespace result {
inline constexpr CUresult success = 0;
inline constexpr CUresult invalid_value = 1;
inline constexpr CUresult no_device = 100;
inline constexpr CUresult illegal_address = 700;
inline constexpr CUresult launch_out_of_resources = 701;
inline constexpr CUresult launch_timeout = 702;
inline constexpr CUresult assert_failed = 710;
inline constexpr CUresult hardware_stack_error = 714;
inline constexpr CUresult illegal_instruction = 715;
inline constexpr CUresult misaligned_address = 716;
inline constexpr CUresult invalid_pc = 718;
inline constexpr CUresult launch_failed = 719;
}  // namespace result

inline constexpr int stream_capture_mode_thread_local = 1;

// A failed driver call. `sticky` errors (illegal address, a trapped kernel)
// poison the context: the process must exit and a fresh worker take over.
struct DriverError : gpu::GpuError {
  DriverError(const std::string& message, CUresult code, bool sticky) : gpu::GpuError(message, sticky), code(code) {}
  CUresult code;
};

bool is_sticky(CUresult code);

class DriverApi {
 public:
  // dlopen("libcuda.so.1") and resolves every entry point; throws
  // std::runtime_error ("no NVIDIA driver: ...") when it cannot.
  DriverApi();
  ~DriverApi();
  DriverApi(const DriverApi&) = delete;
  DriverApi& operator=(const DriverApi&) = delete;

  // Throws DriverError("<what>: CUDA_ERROR_X: text") unless `code` is success.
  void check(CUresult code, const std::string& what) const;
  std::string describe(CUresult code) const;  // "CUDA_ERROR_ILLEGAL_ADDRESS: an illegal memory access..."

  CUresult (*cuInit)(unsigned) = nullptr;
  CUresult (*cuDriverGetVersion)(int*) = nullptr;
  CUresult (*cuDeviceGetCount)(int*) = nullptr;
  CUresult (*cuDeviceGet)(CUdevice*, int) = nullptr;
  CUresult (*cuDeviceGetName)(char*, int, CUdevice) = nullptr;
  CUresult (*cuDeviceGetAttribute)(int*, int, CUdevice) = nullptr;
  CUresult (*cuDeviceTotalMem)(std::size_t*, CUdevice) = nullptr;
  CUresult (*cuDevicePrimaryCtxRetain)(CUcontext*, CUdevice) = nullptr;
  CUresult (*cuCtxSetCurrent)(CUcontext) = nullptr;
  CUresult (*cuCtxSynchronize)() = nullptr;
  CUresult (*cuModuleLoadData)(CUmodule*, const void*) = nullptr;
  CUresult (*cuModuleUnload)(CUmodule) = nullptr;
  CUresult (*cuModuleGetFunction)(CUfunction*, CUmodule, const char*) = nullptr;
  CUresult (*cuFuncGetAttribute)(int*, int, CUfunction) = nullptr;
  CUresult (*cuFuncSetAttribute)(CUfunction, int, int) = nullptr;
  // Optional (CUDA 12.4+): parameter sizes, to reject a plan that does not
  // match the kernel's signature before it runs. nullptr when absent.
  CUresult (*cuFuncGetParamInfo)(CUfunction, std::size_t, std::size_t*, std::size_t*) = nullptr;
  CUresult (*cuOccupancyMaxActiveBlocksPerMultiprocessor)(int*, CUfunction, int, std::size_t) = nullptr;
  CUresult (*cuMemAlloc)(CUdeviceptr*, std::size_t) = nullptr;
  CUresult (*cuMemFree)(CUdeviceptr) = nullptr;
  CUresult (*cuMemGetInfo)(std::size_t*, std::size_t*) = nullptr;
  CUresult (*cuMemcpyHtoD)(CUdeviceptr, const void*, std::size_t) = nullptr;
  CUresult (*cuMemcpyDtoH)(void*, CUdeviceptr, std::size_t) = nullptr;
  CUresult (*cuMemcpyDtoDAsync)(CUdeviceptr, CUdeviceptr, std::size_t, CUstream) = nullptr;
  CUresult (*cuMemsetD8Async)(CUdeviceptr, unsigned char, std::size_t, CUstream) = nullptr;
  CUresult (*cuStreamCreate)(CUstream*, unsigned) = nullptr;
  CUresult (*cuStreamSynchronize)(CUstream) = nullptr;
  CUresult (*cuEventCreate)(CUevent*, unsigned) = nullptr;
  CUresult (*cuEventDestroy)(CUevent) = nullptr;
  CUresult (*cuEventRecord)(CUevent, CUstream) = nullptr;
  CUresult (*cuEventElapsedTime)(float*, CUevent, CUevent) = nullptr;
  CUresult (*cuLaunchKernel)(CUfunction, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned,
                             unsigned, CUstream, void**, void**) = nullptr;
  CUresult (*cuStreamBeginCapture)(CUstream, int) = nullptr;
  CUresult (*cuStreamEndCapture)(CUstream, CUgraph*) = nullptr;
  CUresult (*cuGraphInstantiateWithFlags)(CUgraphExec*, CUgraph, unsigned long long) = nullptr;
  CUresult (*cuGraphLaunch)(CUgraphExec, CUstream) = nullptr;
  CUresult (*cuGraphExecDestroy)(CUgraphExec) = nullptr;
  CUresult (*cuGraphDestroy)(CUgraph) = nullptr;
  CUresult (*cuGetErrorName)(CUresult, const char**) = nullptr;
  CUresult (*cuGetErrorString)(CUresult, const char**) = nullptr;

 private:
  void* library_ = nullptr;
};

}  // namespace kevo::fitness::cuda
