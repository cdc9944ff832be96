#include "fitness/cpu/trusted_runner.hpp"

#include <dlfcn.h>

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
  if (!mapped_ || mapped_path_ != request.shm_path || mapped_->size() != request.shm_size) {
    mapped_.reset();
    mapped_ = std::make_unique<worker::SharedMapping>(request.shm_path, request.shm_size);
    mapped_path_ = request.shm_path;
  }
  return *mapped_;
}

void TrustedRunner::run(const worker::RunRequest& request) {
  std::vector<EntryCall> calls = prepare_entry_calls(request, library(request.shared_object), mapping(request).base());
  run_entry_calls(calls);
}

}  // namespace kevo::fitness::cpu
