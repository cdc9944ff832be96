// Source files named by task.yaml (reference, seeds), relative to the task folder.
#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include "fitness/task_loader_sections.hpp"

namespace kevo::fitness::loader {

namespace {

// Kernel sources are small; a bigger "source" is a wrong name (a data file, a device).
constexpr std::uintmax_t kMaxSourceBytes = 16u << 20;

bool has_control_characters(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}

}  // namespace

std::string read_named_file(const Field& name, const std::filesystem::path& task_dir,
                            std::filesystem::path& path) {
  const std::string relative = name.text();
  if (relative.empty() || has_control_characters(relative)) {
    name.fail("'" + printable(relative) + "' is not a usable file name", "name a file in the task folder");
  }
  path = (task_dir / relative).lexically_normal();
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    name.fail("file '" + printable(path.string()) + "' not found", "create it, or correct the file name");
  }
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error || size > kMaxSourceBytes) {
    name.fail("file '" + printable(path.string()) + "' is larger than 16 MiB or unreadable",
              "name the kernel source file");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  if (!in.good() && !in.eof()) {
    name.fail("cannot read '" + printable(path.string()) + "'", "check the file's permissions");
  }
  return content.str();
}

}  // namespace kevo::fitness::loader
