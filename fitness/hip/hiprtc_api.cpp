#include "fitness/hip/hiprtc_api.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace kevo::fitness::hip {
namespace {

std::vector<std::string> candidates() {
  std::vector<std::string> names{"libhiprtc.so.6", "libhiprtc.so.5", "libamdhip64.so.6", "libamdhip64.so.5",
                                 "libamdhip64.so"};
  std::vector<std::string> dirs;
  if (const char* rocm = std::getenv("ROCM_PATH")) dirs.push_back(std::string(rocm) + "/lib/");
  dirs.push_back("/opt/rocm/lib/");
  std::vector<std::string> all = names;
  for (const auto& dir : dirs)
    for (const auto& name : names) all.push_back(dir + name);
  return all;
}

template <typename Function>
void bind(void* library, const char* name, Function& out) {
  out = reinterpret_cast<Function>(dlsym(library, name));
  if (out == nullptr) throw std::runtime_error(std::string("hiprtc: symbol ") + name + " missing");
}

}  // namespace

HiprtcApi::HiprtcApi() {
  for (const auto& name : candidates()) {
    library_ = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (library_ == nullptr) continue;
    if (dlsym(library_, "hiprtcCompileProgram") != nullptr) {
      library_path_ = name;
      break;
    }
    dlclose(library_);
    library_ = nullptr;
  }
  if (library_ == nullptr)
    throw std::runtime_error(
        "hiprtc not found (tried libhiprtc.so.6/.5 and libamdhip64.so.6/.5 in the loader path, $ROCM_PATH/lib and "
        "/opt/rocm/lib); install ROCm's HIP runtime (Debian: libamdhip64-5 libhiprtc-builtins5 rocm-device-libs)");
  bind(library_, "hiprtcVersion", hiprtcVersion);
  hipRuntimeGetVersion = reinterpret_cast<int (*)(int*)>(dlsym(library_, "hipRuntimeGetVersion"));
  bind(library_, "hiprtcGetErrorString", hiprtcGetErrorString);
  bind(library_, "hiprtcCreateProgram", hiprtcCreateProgram);
  bind(library_, "hiprtcDestroyProgram", hiprtcDestroyProgram);
  bind(library_, "hiprtcAddNameExpression", hiprtcAddNameExpression);
  bind(library_, "hiprtcCompileProgram", hiprtcCompileProgram);
  bind(library_, "hiprtcGetLoweredName", hiprtcGetLoweredName);
  bind(library_, "hiprtcGetProgramLogSize", hiprtcGetProgramLogSize);
  bind(library_, "hiprtcGetProgramLog", hiprtcGetProgramLog);
  bind(library_, "hiprtcGetCodeSize", hiprtcGetCodeSize);
  bind(library_, "hiprtcGetCode", hiprtcGetCode);
}

// Not dlclose'd: ROCm's runtime registers exit handlers that outlive an unload.
HiprtcApi::~HiprtcApi() = default;

std::string HiprtcApi::version() const {
  // HIP_VERSION = major * 10^7 + minor * 10^5 + patch.
  if (int runtime = 0; hipRuntimeGetVersion != nullptr && hipRuntimeGetVersion(&runtime) == 0 && runtime > 0)
    return std::to_string(runtime / 10000000) + "." + std::to_string(runtime / 100000 % 100);
  int major = 0, minor = 0;
  if (hiprtcVersion(&major, &minor) != 0) return "unknown";
  return std::to_string(major) + "." + std::to_string(minor);
}

std::string HiprtcApi::error_text(hiprtcResult code) const {
  const char* text = hiprtcGetErrorString(code);
  return text != nullptr ? text : "hiprtc error " + std::to_string(code);
}

}  // namespace kevo::fitness::hip
