#pragma once
// A fresh directory under the system temp dir, removed with everything in it
// when the test ends (also when it fails, since REQUIRE unwinds).
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <system_error>
#include <unistd.h>

namespace kevo::test {

class TempDir {
 public:
  TempDir() : path_(create_unique()) {}
  ~TempDir() {
    std::error_code ignored;  // cleanup must not throw out of a destructor
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  // pid + random suffix: ctest runs tests in parallel processes.
  static std::filesystem::path create_unique() {
    std::random_device entropy;
    const auto base = std::filesystem::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
      const auto candidate = base / ("kevo-test-" + std::to_string(::getpid()) + "-" +
                                     std::to_string(entropy()));
      if (std::filesystem::create_directory(candidate)) return candidate;
    }
    throw std::runtime_error("cannot create a unique temp directory under " + base.string());
  }

  std::filesystem::path path_;
};

}  // namespace kevo::test
