#pragma once
// NVRTC, loaded at run time with dlopen (like the driver): kevo builds and
// runs without the CUDA toolkit, and compiles CUDA kernels where it is
// installed. Declares only the entry points kevo uses, with nvrtc.h's ABI.
#include <cstddef>
#include <string>

namespace kevo::fitness::cuda {

using nvrtcResult = int;
using nvrtcProgram = struct _nvrtcProgram*;

class NvrtcApi {
 public:
  // Tries libnvrtc.so.13, .so.12, .so, then $CUDA_HOME/lib64 and
  // /usr/local/cuda/lib64; throws std::runtime_error saying what to install.
  NvrtcApi();
  NvrtcApi(const NvrtcApi&) = delete;
  NvrtcApi& operator=(const NvrtcApi&) = delete;

  std::string version() const;  // "13.0"
  std::string error_text(nvrtcResult code) const;

  nvrtcResult (*nvrtcVersion)(int*, int*) = nullptr;
  const char* (*nvrtcGetErrorString)(nvrtcResult) = nullptr;
  nvrtcResult (*nvrtcCreateProgram)(nvrtcProgram*, const char*, const char*, int, const char* const*,
                                    const char* const*) = nullptr;
  nvrtcResult (*nvrtcDestroyProgram)(nvrtcProgram*) = nullptr;
  nvrtcResult (*nvrtcAddNameExpression)(nvrtcProgram, const char*) = nullptr;
  nvrtcResult (*nvrtcCompileProgram)(nvrtcProgram, int, const char* const*) = nullptr;
  nvrtcResult (*nvrtcGetLoweredName)(nvrtcProgram, const char*, const char**) = nullptr;
  nvrtcResult (*nvrtcGetProgramLogSize)(nvrtcProgram, std::size_t*) = nullptr;
  nvrtcResult (*nvrtcGetProgramLog)(nvrtcProgram, char*) = nullptr;
  nvrtcResult (*nvrtcGetCUBINSize)(nvrtcProgram, std::size_t*) = nullptr;
  nvrtcResult (*nvrtcGetCUBIN)(nvrtcProgram, char*) = nullptr;

 private:
  void* library_ = nullptr;
};

}  // namespace kevo::fitness::cuda
