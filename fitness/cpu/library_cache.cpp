#include "fitness/cpu/library_cache.hpp"

#include <dlfcn.h>

#include <stdexcept>

namespace kevo::fitness::cpu {

namespace {
std::string last_dl_error() {
  const char* text = ::dlerror();
  return text != nullptr ? text : "unknown dl error";
}
}  // namespace

LibraryCache::~LibraryCache() {
  for (auto& [path, handle] : open_) ::dlclose(handle);
}

void* LibraryCache::handle(const std::string& path) {
  for (auto it = open_.begin(); it != open_.end(); ++it) {
    if (it->first != path) continue;
    open_.splice(open_.begin(), open_, it);
    return open_.front().second;
  }
  // RTLD_LOCAL: every variant defines the same entry names; none may see another's.
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) throw std::runtime_error("dlopen " + path + ": " + last_dl_error());
  open_.emplace_front(path, handle);
  while (open_.size() > max_open_) {
    ::dlclose(open_.back().second);
    open_.pop_back();
  }
  return handle;
}

void* LibraryCache::symbol(const std::string& path, const std::string& symbol) {
  ::dlerror();
  void* address = ::dlsym(handle(path), symbol.c_str());
  if (address == nullptr) {
    throw std::runtime_error("dlsym " + symbol + " in " + path + ": " + last_dl_error());
  }
  return address;
}

void LibraryCache::unload(const std::string& path) {
  for (auto it = open_.begin(); it != open_.end(); ++it) {
    if (it->first != path) continue;
    ::dlclose(it->second);
    open_.erase(it);
    return;
  }
}

}  // namespace kevo::fitness::cpu
