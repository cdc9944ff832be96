// libFuzzer target: load_task on arbitrary task.yaml bytes. A TaskError is the
// only acceptable failure, and it must be one line pointing into the file;
// a task that loads must keep the promises the loader makes about it.
#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "fitness/task.hpp"

namespace {

using kevo::fitness::Task;
using kevo::fitness::TaskError;

void require(bool condition) {
  if (!condition) std::abort();
}

void remove_task_dir();

// The task folder, created once per process: task.yaml is rewritten per input.
// Never destroyed, so that the exit handler that removes it can still read it.
const std::filesystem::path& task_dir() {
  static const std::filesystem::path* const dir = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "kevo-fuzz-XXXXXX").string();
    require(mkdtemp(pattern.data()) != nullptr);
    const auto* folder = new std::filesystem::path(std::filesystem::path(pattern) / "tiny_add");
    std::filesystem::create_directories(*folder);
    std::ofstream(*folder / "reference.cpp") << "void reference(const float*, float*, long) {}\n";
    std::ofstream(*folder / "seed.cpp") << "void add(const float*, float*, long) {}\n";
    std::atexit(remove_task_dir);
    return folder;
  }();
  return *dir;
}

void remove_task_dir() {
  std::error_code ignored;
  std::filesystem::remove_all(task_dir().parent_path(), ignored);
}

void check_error(const TaskError& error) {
  const std::string message = error.what();
  const std::string file = (task_dir() / "task.yaml").string();
  require(message.rfind(file + ":", 0) == 0);
  require(message.find('\n') == std::string::npos);
  // The loader's safety net (an exception it did not anticipate) says so right
  // after the file name, where no quoted input can appear.
  require(message.rfind(file + ": internal error", 0) != 0);
}

// What a loaded task promises: every seed's own knob values are valid, every
// tensor and formula can be evaluated at every size.
void check_loaded(const Task& task) {
  std::vector<kevo::fitness::SizePoint> sizes{task.bench};
  sizes.insert(sizes.end(), task.checks.begin(), task.checks.end());
  for (const auto& size : sizes) {
    for (const auto& tensor : task.tensors) require(task.element_count(tensor, size) >= 0);
    require(task.flops.evaluate(size.values) >= 0);
    require(task.bytes.evaluate(size.values) >= 0);
  }
  for (const auto& seed : task.seeds) {
    const kevo::population::Variant variant = task.seed_variant(seed);
    require(kevo::fitness::check_knobs(seed, variant.knobs).empty());
    require(variant.content_hash().size() == 64);
    require(task.find_seed(seed.name) != nullptr);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out(task_dir() / "task.yaml", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    check_loaded(kevo::fitness::load_task(task_dir()));
  } catch (const TaskError& error) {
    check_error(error);
  }
  return 0;
}
