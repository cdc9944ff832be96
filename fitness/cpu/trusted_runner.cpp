#include "fitness/cpu/trusted_runner.hpp"

#include <dlfcn.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include <stdexcept>

#include "fitness/cpu/entry_calls.hpp"

namespace kevo::fitness::cpu {

TrustedRunner::~TrustedRunner() {
  for (auto& [path, handle] : libraries_) ::dlclose(handle);
}

void* TrustedRunner::library(const std::string& path) {
  if (const auto found = libraries_.find(path); found != libraries_.end()) return found->second;
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = ::dlerror();
    throw std::runtime_error("dlopen " + path + ": " + (why != nullptr ? why : "unknown error"));
  }
  libraries_[path] = handle;
  return handle;
}

worker::SharedMapping& TrustedRunner::mapping(const worker::RunRequest& request) {
  // The file itself (device and inode), not its name, says whether the mapping is still the one asked for.
  struct stat file {};
  if (::stat(request.shm_path.c_str(), &file) != 0) {
    throw std::runtime_error("stat " + request.shm_path + ": " + std::strerror(errno));
  }
  const FileIdentity identity{file.st_dev, file.st_ino, request.shm_size};
  if (!mapped_ || !(mapped_identity_ == identity)) {
    mapped_.reset();
    mapped_ = std::make_unique<worker::SharedMapping>(request.shm_path, request.shm_size);
    mapped_identity_ = identity;
  }
  return *mapped_;
}

void TrustedRunner::run(const worker::RunRequest& request) {
  std::vector<EntryCall> calls = prepare_entry_calls(request, library(request.shared_object), mapping(request).base());
  run_entry_calls(calls);
}

}  // namespace kevo::fitness::cpu
