#pragma once
// A throw-away hardware_profiles/ directory for profile and catalog tests:
// files written from strings into a fresh directory, removed on destruction.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace kevo::test {

class ProfileFolder {
 public:
  ProfileFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "kevo-profiles-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
  }
  ~ProfileFolder() {
    std::error_code ignored;  // cleanup must not throw out of a destructor
    std::filesystem::remove_all(dir_, ignored);
  }
  ProfileFolder(const ProfileFolder&) = delete;
  ProfileFolder& operator=(const ProfileFolder&) = delete;

  // Writes `content` to <dir>/<relative>, creating subfolders; returns the path.
  std::filesystem::path write(const std::string& relative, const std::string& content) const {
    const std::filesystem::path path = dir_ / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

// A valid profile; line numbers in tests refer to this layout (id on line 1,
// vendor on line 2, ..., source on line 16).
inline std::string profile_yaml(const std::string& id, const std::string& vendor = "nvidia",
                                const std::string& match = "[\"Test GPU\"]") {
  return "id: " + id + "\n"
         "vendor: " + vendor + "\n"
         "model: \"Test " + id + "\"\n"
         "match: " + match + "\n"
         "arch: sm_90a\n"
         "compute_units: 132\n"
         "boost_clock_mhz: 1980\n"
         "memory_bandwidth_gbs: 3350\n"
         "l2_bytes: 52428800\n"
         "shared_memory_per_block_bytes: 232448\n"
         "shared_memory_per_cu_bytes: 233472\n"
         "registers_per_cu: 65536\n"
         "max_threads_per_cu: 2048\n"
         "warp_size: 32\n"
         "peak_tflops: {fp64: 34, fp32: 67, bf16_tensor: 989.4}\n"
         "source: \"test\"\n";
}

}  // namespace kevo::test
