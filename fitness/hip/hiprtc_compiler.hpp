#pragma once
// HiprtcCompiler: HIP sources -> AMD code objects for one gfx target, each
// compile in a kevo-hiprtc child (up to Context::compile_jobs at once)
// through the content-addressed CompileCache. The child contains what
// hiprtc does on a target it cannot build for (ROCm 5.2 aborts on gfx942):
// that becomes a failed compile saying so, and a compile that hangs is
// killed after `timeout_seconds`.
//
// Cache key = SHA-256 over: a format tag, the hiprtc version, the target,
// the options, the knob defines, the kernel names and the source (with
// kevo's HIP prelude).
#include <memory>
#include <string>
#include <vector>

#include "fitness/compile/compile_cache.hpp"
#include "fitness/compile/kernel_compile_job.hpp"
#include "fitness/context.hpp"
#include "fitness/worker/subprocess.hpp"

namespace kevo::fitness::hip {

using HipCompileJob = compile::KernelCompileJob;
using HipCompileResult = compile::KernelCompileResult;

class HiprtcCompiler {
 public:
  // Asks kevo-hiprtc for hiprtc's version; throws std::runtime_error when
  // kevo-hiprtc or hiprtc is missing.
  HiprtcCompiler(const Context& context, std::string arch, double timeout_seconds = 300);

  HipCompileResult compile(const HipCompileJob& job) const;
  std::vector<HipCompileResult> compile_all(const std::vector<HipCompileJob>& jobs) const;
  std::string cache_key(const HipCompileJob& job) const;

  const std::string& arch() const { return arch_; }
  const std::string& version() const { return version_; }
  const std::vector<std::string>& options() const { return options_; }

 private:
  std::string key_of(const HipCompileJob& job, const std::string& source) const;  // source: with the prelude
  HipCompileResult run_child(const HipCompileJob& job, const std::string& key, const std::string& source) const;
  // The child's outcome as a result (symbols, log); failures are cached unless transient.
  HipCompileResult read_child(const worker::ProcessResult& child, const std::string& key) const;

  std::filesystem::path tool_;
  std::string arch_;
  std::string version_;
  bool has_sync_shuffles_ = false;
  std::vector<std::string> options_;
  double timeout_seconds_;
  unsigned jobs_;
  compile::CompileCache cache_;
};

}  // namespace kevo::fitness::hip
