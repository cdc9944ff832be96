#include "fitness/context.hpp"

#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

namespace kevo::fitness {

namespace {

bool is_executable(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error) && ::access(path.c_str(), X_OK) == 0;
}

std::filesystem::path running_executable_dir() {
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::path{} : self.parent_path();
}

// `name` beside the running kevo, unless the environment variable `env` names another.
std::filesystem::path locate_helper(const std::string& name, const char* env) {
  // An explicit variable wins: tests and unusual installs point at their own build.
  if (const char* from_env = std::getenv(env); from_env != nullptr && *from_env != '\0') {
    if (is_executable(from_env)) return std::filesystem::absolute(from_env);
    throw std::runtime_error(std::string(env) + "=" + from_env + " is not an executable file; unset it or point it at " +
                             name);
  }
  const std::filesystem::path dir = running_executable_dir();
  const std::filesystem::path beside = dir / name;
  if (is_executable(beside)) return beside;
  throw std::runtime_error(name + " not found beside " +
                           (dir.empty() ? std::string("the running executable") : dir.string()) + "; build the " +
                           name + " target or set " + env + " to its path");
}

}  // namespace

std::filesystem::path locate_worker_executable() { return locate_helper("kevo-worker", "KEVO_WORKER"); }

std::filesystem::path locate_hiprtc_executable() { return locate_helper("kevo-hiprtc", "KEVO_HIPRTC"); }

std::filesystem::path locate_profiles_dir() {
  std::error_code error;
  if (const char* from_env = std::getenv("KEVO_PROFILES_DIR"); from_env != nullptr && *from_env != '\0') {
    if (std::filesystem::is_directory(from_env, error)) return from_env;
    throw std::runtime_error(std::string("KEVO_PROFILES_DIR=") + from_env +
                             " is not a directory; unset it or point it at hardware_profiles/");
  }
  for (const std::filesystem::path& candidate :
       {std::filesystem::path(KEVO_SOURCE_DIR) / "hardware_profiles",
        running_executable_dir().parent_path() / "hardware_profiles"}) {
    if (std::filesystem::is_directory(candidate, error)) return candidate;
  }
  return {};
}

}  // namespace kevo::fitness
