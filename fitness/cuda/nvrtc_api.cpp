#include "fitness/cuda/nvrtc_api.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace kevo::fitness::cuda {

namespace {

std::vector<std::string> candidate_paths() {
  std::vector<std::string> paths = {"libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so"};
  if (const char* home = std::getenv("CUDA_HOME")) paths.push_back(std::string(home) + "/lib64/libnvrtc.so");
  paths.push_back("/usr/local/cuda/lib64/libnvrtc.so");
  return paths;
}

template <typename Function>
void resolve(void* library, Function& slot, const char* name) {
  slot = reinterpret_cast<Function>(::dlsym(library, name));
  if (slot == nullptr) throw std::runtime_error(std::string("NVRTC lacks ") + name + ": install CUDA 12 or newer");
}

}  // namespace

NvrtcApi::NvrtcApi() {
  std::string tried;
  for (const std::string& path : candidate_paths()) {
    library_ = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (library_ != nullptr) break;
    tried += (tried.empty() ? "" : ", ") + path;
  }
  if (library_ == nullptr) {
    throw std::runtime_error("NVRTC not found (tried " + tried +
                             "): install the CUDA toolkit or set CUDA_HOME");
  }
  resolve(library_, nvrtcVersion, "nvrtcVersion");
  resolve(library_, nvrtcGetErrorString, "nvrtcGetErrorString");
  resolve(library_, nvrtcCreateProgram, "nvrtcCreateProgram");
  resolve(library_, nvrtcDestroyProgram, "nvrtcDestroyProgram");
  resolve(library_, nvrtcAddNameExpression, "nvrtcAddNameExpression");
  resolve(library_, nvrtcCompileProgram, "nvrtcCompileProgram");
  resolve(library_, nvrtcGetLoweredName, "nvrtcGetLoweredName");
  resolve(library_, nvrtcGetProgramLogSize, "nvrtcGetProgramLogSize");
  resolve(library_, nvrtcGetProgramLog, "nvrtcGetProgramLog");
  resolve(library_, nvrtcGetCUBINSize, "nvrtcGetCUBINSize");
  resolve(library_, nvrtcGetCUBIN, "nvrtcGetCUBIN");
}

std::string NvrtcApi::version() const {
  int major = 0, minor = 0;
  nvrtcVersion(&major, &minor);
  return std::to_string(major) + "." + std::to_string(minor);
}

std::string NvrtcApi::error_text(nvrtcResult code) const {
  const char* text = nvrtcGetErrorString(code);
  return text != nullptr ? text : "NVRTC error " + std::to_string(code);
}

}  // namespace kevo::fitness::cuda
