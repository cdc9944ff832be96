#pragma once
// Shared fixtures for the CPU back-end tests: a temporary directory per test,
// a Context pointing at it, and the adversarial corpus's task and kernels.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "fitness/context.hpp"
#include "fitness/evaluator.hpp"
#include "fitness/task.hpp"

namespace kevo::test {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "kevo-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::filesystem::path adversarial_dir() {
  return std::filesystem::path(KEVO_SOURCE_DIR) / "tests" / "fitness" / "adversarial";
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string adversarial_kernel(const std::string& name) {
  return read_text(adversarial_dir() / "kernels" / (name + ".cpp"));
}

inline fitness::Task vadd_task() { return fitness::load_task(adversarial_dir() / "vadd"); }

inline fitness::Context test_context(const TempDir& dir) {
  fitness::Context context;
  context.cache_dir = dir.path() / "cache";
  context.worker_executable = KEVO_WORKER_PATH;
  context.hiprtc_executable = KEVO_HIPRTC_PATH;
  context.compile_jobs = 2;
  return context;
}

// Few samples, a short watchdog and no 64 MiB cache flush: tests check the
// protocol's logic, not the quality of its measurements.
inline fitness::EvaluationProtocol quick_protocol() {
  fitness::EvaluationProtocol protocol;
  protocol.warmup = 1;
  protocol.samples = 3;
  protocol.max_retimes = 1;
  protocol.run_timeout_seconds = 2;
  protocol.flush_cache = false;
  return protocol;
}

// The task's seed with another source (same knobs and launch plan).
inline population::Variant with_source(const fitness::Task& task, const std::string& source) {
  population::Variant variant = task.seed_variant(task.seeds.front());
  variant.source = source;
  return variant;
}

}  // namespace kevo::test
