#pragma once
// hiprtc, loaded at run time with dlopen: kevo builds and runs without ROCm,
// and compiles HIP kernels where it is installed. Declares only the entry
// points kevo uses, with hiprtc.h's ABI (ROCm 5.2 ships them in libamdhip64;
// later ROCm also in libhiprtc). Only kevo-hiprtc, the compile child, loads
// it: hiprtc aborts the process on targets it does not know.
#include <cstddef>
#include <string>

namespace kevo::fitness::hip {

using hiprtcResult = int;
using hiprtcProgram = struct _hiprtcProgram*;

class HiprtcApi {
 public:
  // Tries libhiprtc.so.6, .so.5, libamdhip64.so.6, .so.5, .so, then
  // $ROCM_PATH/lib and /opt/rocm/lib; throws std::runtime_error saying what to install.
  HiprtcApi();
  ~HiprtcApi();
  HiprtcApi(const HiprtcApi&) = delete;
  HiprtcApi& operator=(const HiprtcApi&) = delete;

  // The HIP runtime's version ("5.2") where the library has hipRuntimeGetVersion,
  // else hiprtc's own version number (which ROCm 5.2 reports as "9.0").
  std::string version() const;
  std::string error_text(hiprtcResult code) const;
  const std::string& library() const { return library_path_; }

  hiprtcResult (*hiprtcVersion)(int*, int*) = nullptr;
  int (*hipRuntimeGetVersion)(int*) = nullptr;  // optional: libhiprtc alone lacks it
  const char* (*hiprtcGetErrorString)(hiprtcResult) = nullptr;
  hiprtcResult (*hiprtcCreateProgram)(hiprtcProgram*, const char*, const char*, int, const char**,
                                      const char**) = nullptr;
  hiprtcResult (*hiprtcDestroyProgram)(hiprtcProgram*) = nullptr;
  hiprtcResult (*hiprtcAddNameExpression)(hiprtcProgram, const char*) = nullptr;
  hiprtcResult (*hiprtcCompileProgram)(hiprtcProgram, int, const char**) = nullptr;
  hiprtcResult (*hiprtcGetLoweredName)(hiprtcProgram, const char*, const char**) = nullptr;
  hiprtcResult (*hiprtcGetProgramLogSize)(hiprtcProgram, std::size_t*) = nullptr;
  hiprtcResult (*hiprtcGetProgramLog)(hiprtcProgram, char*) = nullptr;
  hiprtcResult (*hiprtcGetCodeSize)(hiprtcProgram, std::size_t*) = nullptr;
  hiprtcResult (*hiprtcGetCode)(hiprtcProgram, char*) = nullptr;

 private:
  void* library_ = nullptr;
  std::string library_path_;
};

}  // namespace kevo::fitness::hip
