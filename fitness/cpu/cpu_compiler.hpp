#pragma once
// CpuCompiler: generated translation units -> shared objects, with the system
// compiler, in parallel, through the content-addressed CompileCache.
//
// Cache key = SHA-256 over: a format tag, the compiler command, its
// `--version` output (asked once), the host CPU model (the flags say
// -march=native), the flags, the knob defines and the full generated source.
// Anything that could change the binary is in the key; nothing else is.
#include <filesystem>
#include <string>
#include <vector>

#include "fitness/context.hpp"
#include "fitness/compile/compile_cache.hpp"
#include "population/variant.hpp"

namespace kevo::fitness::cpu {

struct CompileJob {
  std::string label;               // for messages: variant id or "reference"
  std::string source;              // the full generated translation unit
  population::KnobValues knobs;    // passed as -DNAME=value
};

struct CompileResult {
  bool ok = false;
  std::filesystem::path shared_object;
  std::string compiler_output;     // verbatim; the whole story when !ok
  double seconds = 0;              // compiler wall time (lookup time on a hit)
  bool cache_hit = false;
  bool timed_out = false;
};

class CpuCompiler {
 public:
  // Asks the compiler for its version; throws std::runtime_error when it cannot be run.
  CpuCompiler(const Context& context, double timeout_seconds);

  CompileResult compile(const CompileJob& job) const;
  // Up to Context::compile_jobs compiler processes at once; results in job order.
  std::vector<CompileResult> compile_all(const std::vector<CompileJob>& jobs) const;

  std::string cache_key(const CompileJob& job) const;
  const std::vector<std::string>& command() const { return command_; }

 private:
  std::vector<std::string> compile_command(const CompileJob& job,
                                           const std::filesystem::path& source,
                                           const std::filesystem::path& output) const;
  CompileResult run_compiler(const CompileJob& job, const std::string& key) const;

  std::vector<std::string> command_;  // the compiler and any wrapper, e.g. {"ccache", "g++"}
  std::string identity_;              // command + --version output + CPU model
  double timeout_seconds_;
  unsigned jobs_;
  compile::CompileCache cache_;
};

// The flags every CPU kernel is compiled with, in order.
const std::vector<std::string>& cpu_compile_flags();

}  // namespace kevo::fitness::cpu
