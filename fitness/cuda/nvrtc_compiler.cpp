#include "fitness/cuda/nvrtc_compiler.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "population/content_hash.hpp"

namespace kevo::fitness::cuda {

namespace {

constexpr const char* kCubinExtension = ".cubin";
constexpr const char* kNamesExtension = ".names";

// Owns one NVRTC program.
class Program {
 public:
  Program(const NvrtcApi& api, const std::string& source) : api_(api) {
    const nvrtcResult code = api.nvrtcCreateProgram(&program_, source.c_str(), "kernel.cu", 0, nullptr, nullptr);
    if (code != 0) throw std::runtime_error("nvrtcCreateProgram: " + api.error_text(code));
  }
  ~Program() { api_.nvrtcDestroyProgram(&program_); }
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;
  nvrtcProgram get() const { return program_; }

  std::string log() const {
    std::size_t size = 0;
    api_.nvrtcGetProgramLogSize(program_, &size);
    std::string text(size, '\0');
    if (size > 0) api_.nvrtcGetProgramLog(program_, text.data());
    while (!text.empty() && text.back() == '\0') text.pop_back();
    return text;
  }
  std::string cubin() const {
    std::size_t size = 0;
    api_.nvrtcGetCUBINSize(program_, &size);
    std::string image(size, '\0');
    if (size > 0) api_.nvrtcGetCUBIN(program_, image.data());
    return image;
  }

 private:
  const NvrtcApi& api_;
  nvrtcProgram program_ = nullptr;
};

}  // namespace

std::string cuda_include_dir() {
  std::vector<std::string> candidates;
  if (const char* dir = std::getenv("KEVO_CUDA_INCLUDE")) candidates.push_back(dir);
  if (const char* home = std::getenv("CUDA_HOME")) candidates.push_back(std::string(home) + "/include");
  candidates.push_back("/usr/local/cuda/include");
  for (const std::string& dir : candidates) {
    std::error_code error;
    if (std::filesystem::exists(std::filesystem::path(dir) / "cuda_runtime.h", error)) return dir;
  }
  return "";
}

NvrtcCompiler::NvrtcCompiler(const Context& context, std::string arch)
    : api_(std::make_unique<NvrtcApi>()),
      arch_(std::move(arch)),
      jobs_(std::max(1u, context.compile_jobs)),
      cache_(context.cache_dir, kCubinExtension, ".cu") {
  options_ = {"--gpu-architecture=" + arch_, "--std=c++17", "-default-device"};
  if (const std::string include = cuda_include_dir(); !include.empty()) {
    options_.push_back("--include-path=" + include);
  }
}

std::string NvrtcCompiler::cache_key(const CudaCompileJob& job) const {
  std::string material = "kevo-cuda-v1\nnvrtc " + api_->version() + "\n";
  for (const std::string& option : options_) material += option + "\n";
  for (const std::string& define : compile::knob_defines(job.knobs)) material += define + "\n";
  material += "kernels\n" + compile::join_lines(job.kernels) + "source\n" + job.source;
  return population::sha256_hex(material);
}

CudaCompileResult NvrtcCompiler::compile(const CudaCompileJob& job) const {
  const auto start = std::chrono::steady_clock::now();
  const std::string key = cache_key(job);
  if (const auto hit = cache_.lookup(key)) {
    CudaCompileResult result;
    result.ok = hit->compiled;
    result.cache_hit = true;
    result.log = hit->compiler_output;
    if (hit->compiled) {
      result.object = hit->object;
      result.symbols = compile::split_lines(cache_.artifact(key, kNamesExtension).value_or(""));
    }
    if (!hit->compiled || result.symbols.size() == job.kernels.size()) {
      result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      return result;
    }
  }
  CudaCompileResult result = run_nvrtc(job, key);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

CudaCompileResult NvrtcCompiler::run_nvrtc(const CudaCompileJob& job, const std::string& key) const {
  cache_.store_source(key, job.source);
  const Program program(*api_, job.source);
  for (const std::string& kernel : job.kernels) api_->nvrtcAddNameExpression(program.get(), kernel.c_str());
  std::vector<std::string> options = options_;
  for (const std::string& define : compile::knob_defines(job.knobs)) options.push_back(define);
  std::vector<const char*> argv;
  for (const std::string& option : options) argv.push_back(option.c_str());
  const nvrtcResult code = api_->nvrtcCompileProgram(program.get(), static_cast<int>(argv.size()), argv.data());
  CudaCompileResult result;
  result.log = program.log();
  if (code != 0) {
    if (result.log.empty()) result.log = api_->error_text(code);
    cache_.store_error(key, result.log);
    return result;
  }
  for (const std::string& kernel : job.kernels) {
    const char* lowered = nullptr;
    if (api_->nvrtcGetLoweredName(program.get(), kernel.c_str(), &lowered) != 0 || lowered == nullptr) {
      result.log += "kernel '" + kernel + "' named by the launch plan was not found in the source";
      cache_.store_error(key, result.log);
      return result;
    }
    result.symbols.push_back(lowered);
  }
  const std::filesystem::path temporary = cache_.temporary_path(key, kCubinExtension);
  {
    std::ofstream out(temporary, std::ios::binary);
    const std::string image = program.cubin();
    out.write(image.data(), static_cast<std::streamsize>(image.size()));
    if (!out) throw std::runtime_error("cannot write " + temporary.string());
  }
  cache_.store_artifact(key, kNamesExtension, compile::join_lines(result.symbols));
  cache_.commit_object(temporary, key);
  result.ok = true;
  result.object = cache_.object_path(key);
  return result;
}

std::vector<CudaCompileResult> NvrtcCompiler::compile_all(const std::vector<CudaCompileJob>& jobs) const {
  return compile::compile_each(jobs, jobs_, "NVRTC failed: ", [this](const CudaCompileJob& job) { return compile(job); });
}

}  // namespace kevo::fitness::cuda
