#include "fitness/hip/hiprtc_compiler.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "fitness/hip/hip_prelude.hpp"
#include "fitness/worker/subprocess.hpp"
#include "population/content_hash.hpp"

namespace kevo::fitness::hip {
namespace {

constexpr const char* kCodeObjectExtension = ".hsaco";
constexpr const char* kNamesExtension = ".names";

// The child's JSON reply: its last line (hiprtc may print before it).
nlohmann::json last_json_line(const std::string& output) {
  const auto lines = compile::split_lines(output);
  for (auto line = lines.rbegin(); line != lines.rend(); ++line)
    if (!line->empty() && line->front() == '{') return nlohmann::json::parse(*line);
  throw std::runtime_error("kevo-hiprtc printed no reply: " + output);
}

bool at_least(const std::string& version, int major, int minor) {
  int got_major = 0, got_minor = 0;
  char dot = 0;
  std::istringstream(version) >> got_major >> dot >> got_minor;
  return got_major > major || (got_major == major && got_minor >= minor);
}

std::string ask_version(const std::filesystem::path& tool) {
  const auto result = worker::run_process({tool.string(), "--version"}, 60);
  if (!result.exited_ok())
    throw std::runtime_error("cannot compile HIP: " + tool.string() + " --version " +
                             worker::describe_wait_status(result.wait_status) + ": " + result.output);
  return last_json_line(result.output).at("version").get<std::string>();
}

}  // namespace

HiprtcCompiler::HiprtcCompiler(const Context& context, std::string arch, double timeout_seconds)
    : tool_(context.hiprtc_executable.empty() ? locate_hiprtc_executable() : context.hiprtc_executable),
      arch_(std::move(arch)),
      version_(ask_version(tool_)),
      has_sync_shuffles_(at_least(version_, 6, 2)),
      options_{"-O3", "-std=c++17"},
      timeout_seconds_(timeout_seconds),
      jobs_(std::max(1u, context.compile_jobs)),
      cache_(context.cache_dir, kCodeObjectExtension, ".hip") {}

std::string HiprtcCompiler::cache_key(const HipCompileJob& job) const {
  return key_of(job, with_hip_prelude(job.source, has_sync_shuffles_));
}

std::string HiprtcCompiler::key_of(const HipCompileJob& job, const std::string& source) const {
  std::string material = "kevo-hip-v1\nhiprtc " + version_ + "\narch " + arch_ + "\n";
  for (const auto& option : options_) material += option + "\n";
  for (const auto& define : compile::knob_defines(job.knobs)) material += define + "\n";
  material += "kernels\n" + compile::join_lines(job.kernels) + "source\n" + source;
  return population::sha256_hex(material);
}

HipCompileResult HiprtcCompiler::compile(const HipCompileJob& job) const {
  const auto start = std::chrono::steady_clock::now();
  const std::string source = with_hip_prelude(job.source, has_sync_shuffles_);
  const std::string key = key_of(job, source);
  HipCompileResult result;
  const auto hit = cache_.lookup(key);
  const auto names = hit && hit->compiled ? cache_.artifact(key, kNamesExtension) : std::nullopt;
  if (hit && (!hit->compiled || names)) {
    result.ok = hit->compiled;
    result.cache_hit = true;
    result.log = hit->compiler_output;
    if (hit->compiled) {
      result.object = hit->object;
      result.symbols = compile::split_lines(*names);
    }
  } else {
    result = run_child(job, key, source);
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

HipCompileResult HiprtcCompiler::run_child(const HipCompileJob& job, const std::string& key,
                                           const std::string& source) const {
  cache_.store_source(key, source);
  const auto output = cache_.temporary_path(key, kCodeObjectExtension);
  std::vector<std::string> argv{tool_.string(), "--arch", arch_, "--source", cache_.source_path(key).string(),
                                "--output", output.string()};
  for (const auto& kernel : job.kernels) argv.insert(argv.end(), {"--kernel", kernel});
  for (const auto& option : options_) argv.insert(argv.end(), {"--option", option});
  for (const auto& define : compile::knob_defines(job.knobs)) argv.insert(argv.end(), {"--option", define});
  const auto child = worker::run_process(argv, timeout_seconds_);
  auto result = read_child(child, key);
  if (!result.ok) {  // a crash or error may leave a partial file behind
    std::error_code ignored;
    std::filesystem::remove(output, ignored);
    return result;
  }
  cache_.store_artifact(key, kNamesExtension, compile::join_lines(result.symbols));
  cache_.commit_object(output, key);
  result.object = cache_.object_path(key);
  return result;
}

HipCompileResult HiprtcCompiler::read_child(const worker::ProcessResult& child, const std::string& key) const {
  HipCompileResult result;
  if (child.timed_out) {  // not cached: a slow machine may finish next time
    result.log = "hiprtc did not finish within " + std::to_string(static_cast<int>(timeout_seconds_)) +
                 " s compiling for " + arch_ + "; it was killed";
    return result;
  }
  if (WIFSIGNALED(child.wait_status)) {
    result.log = "hiprtc crashed (" + worker::describe_wait_status(child.wait_status) + ") compiling for " + arch_ +
                 ": this ROCm (hiprtc " + version_ + ") cannot build for " + arch_ +
                 "; use a ROCm that supports it, or another target" +
                 (child.output.empty() ? "" : "\nhiprtc printed: " + child.output);
    cache_.store_error(key, result.log);
    return result;
  }
  if (!child.exited_ok()) {
    result.log = "kevo-hiprtc " + worker::describe_wait_status(child.wait_status) + ": " + child.output;
    return result;
  }
  const auto reply = last_json_line(child.output);
  result.log = reply.at("log").get<std::string>();
  if (!reply.at("ok").get<bool>()) {
    cache_.store_error(key, result.log);
    return result;
  }
  result.symbols = reply.at("symbols").get<std::vector<std::string>>();
  result.ok = true;
  return result;
}

std::vector<HipCompileResult> HiprtcCompiler::compile_all(const std::vector<HipCompileJob>& jobs) const {
  return compile::compile_each(jobs, jobs_, "hiprtc failed: ", [this](const HipCompileJob& job) { return compile(job); });
}

}  // namespace kevo::fitness::hip
