#include "fitness/hip/hip_runtime_api.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <vector>

namespace kevo::fitness::hip {

namespace {

std::vector<std::string> runtime_candidates() {
  const std::vector<std::string> names{"libamdhip64.so.6", "libamdhip64.so.5", "libamdhip64.so"};
  std::vector<std::string> all = names;
  std::vector<std::string> dirs;
  if (const char* rocm = std::getenv("ROCM_PATH")) dirs.push_back(std::string(rocm) + "/lib/");
  dirs.push_back("/opt/rocm/lib/");
  for (const auto& dir : dirs)
    for (const auto& name : names) all.push_back(dir + name);
  return all;
}

template <typename Function>
void resolve(void* library, Function& slot, const char* name) {
  slot = reinterpret_cast<Function>(::dlsym(library, name));
  if (slot == nullptr) throw std::runtime_error(std::string("the HIP runtime lacks ") + name + ": update ROCm");
}

}  // namespace

bool is_sticky(hipError code) {
  return code == hip_result::illegal_address || code == hip_result::launch_timeout ||
         code == hip_result::assert_failed || code == hip_result::launch_failure;
}

HipRuntimeApi::HipRuntimeApi() {
  for (const std::string& name : runtime_candidates()) {
    library_ = ::dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (library_ != nullptr) {
      library_path_ = name;
      break;
    }
  }
  if (library_ == nullptr) {
    throw std::runtime_error(
        "no ROCm HIP runtime: cannot load libamdhip64 (tried libamdhip64.so.6/.5 in the loader path, "
        "$ROCM_PATH/lib and /opt/rocm/lib); install ROCm (Debian: libamdhip64-5) or run other devices");
  }
  void* l = library_;
  resolve(l, hipInit, "hipInit");
  resolve(l, hipRuntimeGetVersion, "hipRuntimeGetVersion");
  resolve(l, hipGetDeviceCount, "hipGetDeviceCount");
  resolve(l, hipSetDevice, "hipSetDevice");
  resolve(l, hipDeviceGetName, "hipDeviceGetName");
  resolve(l, hipDeviceGetAttribute, "hipDeviceGetAttribute");
  resolve(l, hipDeviceTotalMem, "hipDeviceTotalMem");
  resolve(l, hipModuleLoadData, "hipModuleLoadData");
  resolve(l, hipModuleUnload, "hipModuleUnload");
  resolve(l, hipModuleGetFunction, "hipModuleGetFunction");
  resolve(l, hipFuncGetAttribute, "hipFuncGetAttribute");
  resolve(l, hipModuleOccupancyMaxActiveBlocksPerMultiprocessor, "hipModuleOccupancyMaxActiveBlocksPerMultiprocessor");
  resolve(l, hipMalloc, "hipMalloc");
  resolve(l, hipFree, "hipFree");
  resolve(l, hipMemGetInfo, "hipMemGetInfo");
  resolve(l, hipMemcpyHtoD, "hipMemcpyHtoD");
  resolve(l, hipMemcpyDtoH, "hipMemcpyDtoH");
  resolve(l, hipMemcpyDtoDAsync, "hipMemcpyDtoDAsync");
  resolve(l, hipMemsetD8Async, "hipMemsetD8Async");
  resolve(l, hipDeviceSynchronize, "hipDeviceSynchronize");
  resolve(l, hipStreamCreate, "hipStreamCreate");
  resolve(l, hipStreamSynchronize, "hipStreamSynchronize");
  resolve(l, hipEventCreate, "hipEventCreate");
  resolve(l, hipEventDestroy, "hipEventDestroy");
  resolve(l, hipEventRecord, "hipEventRecord");
  resolve(l, hipEventElapsedTime, "hipEventElapsedTime");
  resolve(l, hipModuleLaunchKernel, "hipModuleLaunchKernel");
  resolve(l, hipGetErrorName, "hipGetErrorName");
  resolve(l, hipGetErrorString, "hipGetErrorString");
}

std::string HipRuntimeApi::describe(hipError code) const {
  const char* name = hipGetErrorName(code);
  const char* text = hipGetErrorString(code);
  return std::string(name != nullptr ? name : "HIP error " + std::to_string(code)) + ": " +
         (text != nullptr ? text : "(no description)");
}

void HipRuntimeApi::check(hipError code, const std::string& what) const {
  if (code == hip_result::success) return;
  throw HipError(what + ": " + describe(code), code, is_sticky(code));
}

}  // namespace kevo::fitness::hip
