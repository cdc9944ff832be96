#include "fitness/cpu/cpu_compiler.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "fitness/cpu/cpu_info.hpp"
#include "fitness/worker/subprocess.hpp"
#include "fitness/parallel_for.hpp"
#include "population/content_hash.hpp"

namespace kevo::fitness::cpu {

namespace {

using worker::describe_wait_status;
using worker::ProcessResult;
using worker::run_process;

constexpr double kVersionTimeoutSeconds = 30;
// Compiler messages in plain ASCII and English, whatever the user's locale:
// they are matched by tests, read by the repair operator and cached.
const std::vector<std::string> kCompilerEnvironment = {"LC_ALL=C"};

std::vector<std::string> split_words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

// Context::cpu_compiler, else $CXX (which may carry a wrapper: "ccache g++"), else c++.
std::vector<std::string> resolve_compiler(const Context& context) {
  std::vector<std::string> command = split_words(context.cpu_compiler);
  if (command.empty()) {
    const char* from_env = std::getenv("CXX");
    command = split_words(from_env != nullptr ? from_env : "");
  }
  if (command.empty()) command = {"c++"};
  return command;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) out += (out.empty() ? "" : " ") + word;
  return out;
}

std::string compiler_identity(const std::vector<std::string>& command) {
  std::vector<std::string> argv = command;
  argv.push_back("--version");
  ProcessResult version;
  try {
    version = run_process(argv, kVersionTimeoutSeconds, kCompilerEnvironment);
  } catch (const std::system_error& error) {
    throw std::runtime_error("cannot run the CPU compiler '" + join(command) + "' (" +
                             error.what() + "); set CXX or Context::cpu_compiler");
  }
  if (!version.exited_ok()) {
    throw std::runtime_error("the CPU compiler '" + join(command) + "' failed on --version: " +
                             describe_wait_status(version.wait_status) + "\n" + version.output);
  }
  return join(command) + "\n" + version.output + "\n" + cpu_model_name();
}

std::vector<std::string> knob_defines(const population::KnobValues& knobs) {
  std::vector<std::string> defines;
  for (const auto& [name, value] : knobs) defines.push_back("-D" + name + "=" + std::to_string(value));
  return defines;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

const std::vector<std::string>& cpu_compile_flags() {
  // -fno-gnu-unique: lets dlclose really unload, so a reload starts with fresh statics.
  // -Wl,-z,defs: an undefined symbol fails here, verbatim, for the repair
  //   operator, instead of failing later inside the worker's dlopen.
  static const std::vector<std::string> flags = {
      "-std=c++20", "-O3", "-march=native", "-fPIC", "-shared", "-fno-gnu-unique", "-Wl,-z,defs"};
  return flags;
}

CpuCompiler::CpuCompiler(const Context& context, double timeout_seconds)
    : command_(resolve_compiler(context)),
      identity_(compiler_identity(command_)),
      timeout_seconds_(timeout_seconds),
      jobs_(std::max(1u, context.compile_jobs)),
      cache_(context.cache_dir) {}

std::string CpuCompiler::cache_key(const CompileJob& job) const {
  population::Sha256 hash;
  hash.field("kevo-cpu-compile-v1").field(identity_);
  for (const std::string& flag : cpu_compile_flags()) hash.field(flag);
  for (const std::string& define : knob_defines(job.knobs)) hash.field(define);
  hash.field(job.source);
  return hash.hex_digest();
}

std::vector<std::string> CpuCompiler::compile_command(const CompileJob& job,
                                                      const std::filesystem::path& source,
                                                      const std::filesystem::path& output) const {
  std::vector<std::string> argv = command_;
  for (const std::string& flag : cpu_compile_flags()) argv.push_back(flag);
  for (const std::string& define : knob_defines(job.knobs)) argv.push_back(define);
  argv.insert(argv.end(), {"-o", output.string(), source.string()});
  return argv;
}

CompileResult CpuCompiler::run_compiler(const CompileJob& job, const std::string& key) const {
  cache_.store_source(key, job.source);
  const std::filesystem::path temporary = cache_.temporary_path(key, ".so");
  const ProcessResult run =
      run_process(compile_command(job, cache_.source_path(key), temporary), timeout_seconds_,
                  kCompilerEnvironment);
  CompileResult result;
  result.seconds = run.seconds;
  result.compiler_output = run.output;
  if (run.timed_out) {
    // Not cached: a timeout may say more about the machine's load than the source.
    result.timed_out = true;
    result.compiler_output += "\n[kevo: compiler killed after " +
                              std::to_string(static_cast<int>(timeout_seconds_)) + " s]\n";
  } else if (run.exited_ok() && std::filesystem::exists(temporary)) {
    cache_.commit_object(temporary, key);
    result.ok = true;
    result.shared_object = cache_.object_path(key);
  } else if (WIFEXITED(run.wait_status)) {
    cache_.store_error(key, result.compiler_output);
  } else {
    // Killed by a signal (the OOM killer, say): transient, so not cached either.
    result.compiler_output += "\n[kevo: compiler " + describe_wait_status(run.wait_status) + "]\n";
  }
  std::error_code ignored;
  std::filesystem::remove(temporary, ignored);
  return result;
}

CompileResult CpuCompiler::compile(const CompileJob& job) const {
  const auto start = std::chrono::steady_clock::now();
  const std::string key = cache_key(job);
  if (const auto hit = cache_.lookup(key)) {
    CompileResult result;
    result.ok = hit->compiled;
    result.shared_object = hit->object;
    result.compiler_output = hit->compiler_output;
    result.cache_hit = true;
    result.seconds = seconds_since(start);
    return result;
  }
  try {
    return run_compiler(job, key);
  } catch (const std::exception& error) {
    CompileResult result;
    result.compiler_output = "cannot compile " + job.label + ": " + error.what();
    result.seconds = seconds_since(start);
    return result;
  }
}

std::vector<CompileResult> CpuCompiler::compile_all(const std::vector<CompileJob>& jobs) const {
  std::vector<CompileResult> results(jobs.size());
  parallel_for(static_cast<std::int64_t>(jobs.size()), jobs_,
               [&](std::int64_t i) { results[static_cast<std::size_t>(i)] = compile(jobs[static_cast<std::size_t>(i)]); });
  return results;
}

}  // namespace kevo::fitness::cpu
