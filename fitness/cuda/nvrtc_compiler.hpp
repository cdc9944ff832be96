#pragma once
// NvrtcCompiler: CUDA sources -> cubins for one GPU arch, with NVRTC in
// threads (up to Context::compile_jobs at once) through the content-addressed
// CompileCache. Each launch step's kernel is registered as a name expression,
// so a plan naming a kernel the source lacks is a compile error, and C++
// (mangled) kernel names work as well as extern "C" ones.
//
// Cache key = SHA-256 over: a format tag, the NVRTC version, the arch, the
// options, the knob defines, the kernel names and the source. NVRTC runs in
// this process, so unlike the CPU compiler it has no timeout of its own.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "fitness/compile/compile_cache.hpp"
#include "fitness/compile/kernel_compile_job.hpp"
#include "fitness/context.hpp"
#include "fitness/cuda/nvrtc_api.hpp"
#include "population/variant.hpp"

namespace kevo::fitness::cuda {

using CudaCompileJob = compile::KernelCompileJob;
using CudaCompileResult = compile::KernelCompileResult;

class NvrtcCompiler {
 public:
  // Loads NVRTC (throws std::runtime_error when it is missing).
  NvrtcCompiler(const Context& context, std::string arch);

  CudaCompileResult compile(const CudaCompileJob& job) const;
  std::vector<CudaCompileResult> compile_all(const std::vector<CudaCompileJob>& jobs) const;

  std::string cache_key(const CudaCompileJob& job) const;
  const std::vector<std::string>& options() const { return options_; }
  const std::string& arch() const { return arch_; }

 private:
  CudaCompileResult run_nvrtc(const CudaCompileJob& job, const std::string& key) const;

  std::unique_ptr<NvrtcApi> api_;
  std::string arch_;
  std::vector<std::string> options_;
  unsigned jobs_;
  compile::CompileCache cache_;
};

// The CUDA include directory handed to NVRTC ($KEVO_CUDA_INCLUDE,
// $CUDA_HOME/include, /usr/local/cuda/include), or "" when none exists.
std::string cuda_include_dir();

}  // namespace kevo::fitness::cuda
