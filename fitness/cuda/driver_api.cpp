#include "fitness/cuda/driver_api.hpp"

#include <dlfcn.h>

#include <initializer_list>

namespace kevo::fitness::cuda {

namespace {

// The first of `names` the library exports (versioned names first: cuda.h
// maps e.g. cuMemAlloc to cuMemAlloc_v2, and the unversioned symbol keeps
// the old ABI).
template <typename Function>
void resolve(void* library, Function& slot, std::initializer_list<const char*> names,
             bool required = true) {
  for (const char* name : names) {
    if (void* symbol = ::dlsym(library, name)) {
      slot = reinterpret_cast<Function>(symbol);
      return;
    }
  }
  if (required) {
    throw std::runtime_error(std::string("the NVIDIA driver (libcuda.so.1) lacks ") + *names.begin() +
                             ": update the driver");
  }
}

}  // namespace

bool is_sticky(CUresult code) {
  switch (code) {
    case result::illegal_address:
    case result::launch_timeout:
    case result::assert_failed:
    case result::hardware_stack_error:
    case result::illegal_instruction:
    case result::misaligned_address:
    case result::invalid_pc:
    case result::launch_failed:
      return true;
    default:
      return false;
  }
}

DriverApi::DriverApi() {
  library_ = ::dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (library_ == nullptr) {
    throw std::runtime_error(std::string("no NVIDIA driver: cannot load libcuda.so.1 (") + ::dlerror() +
                             "); install the driver or run CPU devices only");
  }
  void* l = library_;
  resolve(l, cuInit, {"cuInit"});
  resolve(l, cuDriverGetVersion, {"cuDriverGetVersion"});
  resolve(l, cuDeviceGetCount, {"cuDeviceGetCount"});
  resolve(l, cuDeviceGet, {"cuDeviceGet"});
  resolve(l, cuDeviceGetName, {"cuDeviceGetName"});
  resolve(l, cuDeviceGetAttribute, {"cuDeviceGetAttribute"});
  resolve(l, cuDeviceTotalMem, {"cuDeviceTotalMem_v2"});
  resolve(l, cuDevicePrimaryCtxRetain, {"cuDevicePrimaryCtxRetain"});
  resolve(l, cuCtxSetCurrent, {"cuCtxSetCurrent"});
  resolve(l, cuCtxSynchronize, {"cuCtxSynchronize"});
  resolve(l, cuModuleLoadData, {"cuModuleLoadData"});
  resolve(l, cuModuleUnload, {"cuModuleUnload"});
  resolve(l, cuModuleGetFunction, {"cuModuleGetFunction"});
  resolve(l, cuFuncGetAttribute, {"cuFuncGetAttribute"});
  resolve(l, cuFuncSetAttribute, {"cuFuncSetAttribute"});
  resolve(l, cuFuncGetParamInfo, {"cuFuncGetParamInfo"}, /*required=*/false);
  resolve(l, cuOccupancyMaxActiveBlocksPerMultiprocessor, {"cuOccupancyMaxActiveBlocksPerMultiprocessor"});
  resolve(l, cuMemAlloc, {"cuMemAlloc_v2"});
  resolve(l, cuMemFree, {"cuMemFree_v2"});
  resolve(l, cuMemGetInfo, {"cuMemGetInfo_v2"});
  resolve(l, cuMemcpyHtoD, {"cuMemcpyHtoD_v2"});
  resolve(l, cuMemcpyDtoH, {"cuMemcpyDtoH_v2"});
  resolve(l, cuMemcpyDtoDAsync, {"cuMemcpyDtoDAsync_v2"});
  resolve(l, cuMemsetD8Async, {"cuMemsetD8Async"});
  resolve(l, cuStreamCreate, {"cuStreamCreate"});
  resolve(l, cuStreamSynchronize, {"cuStreamSynchronize"});
  resolve(l, cuEventCreate, {"cuEventCreate"});
  resolve(l, cuEventDestroy, {"cuEventDestroy_v2"});
  resolve(l, cuEventRecord, {"cuEventRecord"});
  resolve(l, cuEventElapsedTime, {"cuEventElapsedTime_v2", "cuEventElapsedTime"});
  resolve(l, cuLaunchKernel, {"cuLaunchKernel"});
  resolve(l, cuStreamBeginCapture, {"cuStreamBeginCapture_v2"});
  resolve(l, cuStreamEndCapture, {"cuStreamEndCapture"});
  resolve(l, cuGraphInstantiateWithFlags, {"cuGraphInstantiateWithFlags"});
  resolve(l, cuGraphLaunch, {"cuGraphLaunch"});
  resolve(l, cuGraphExecDestroy, {"cuGraphExecDestroy"});
  resolve(l, cuGraphDestroy, {"cuGraphDestroy"});
  resolve(l, cuGetErrorName, {"cuGetErrorName"});
  resolve(l, cuGetErrorString, {"cuGetErrorString"});
}

DriverApi::~DriverApi() {
  // The driver is never unloaded: its threads and atexit handlers outlive us.
}

std::string DriverApi::describe(CUresult code) const {
  const char* name = nullptr;
  const char* text = nullptr;
  cuGetErrorName(code, &name);
  cuGetErrorString(code, &text);
  return std::string(name != nullptr ? name : "CUDA error " + std::to_string(code)) + ": " +
         (text != nullptr ? text : "(no description)");
}

void DriverApi::check(CUresult code, const std::string& what) const {
  if (code == result::success) return;
  throw DriverError(what + ": " + describe(code), code, is_sticky(code));
}

}  // namespace kevo::fitness::cuda
