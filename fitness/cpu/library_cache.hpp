#pragma once
// Worker side: dlopen'ed kernels, kept open between requests (a variant is
// checked at several sizes and then timed) and closed least recently used
// first. A reload closes and reopens the object, so its statics start fresh:
// every evaluation of a variant begins from the same state, whatever the
// worker ran before (the objects are built with -fno-gnu-unique for this).
#include <cstddef>
#include <list>
#include <string>
#include <utility>

namespace kevo::fitness::cpu {

class LibraryCache {
 public:
  explicit LibraryCache(std::size_t max_open = 64) : max_open_(max_open) {}
  ~LibraryCache();
  LibraryCache(const LibraryCache&) = delete;
  LibraryCache& operator=(const LibraryCache&) = delete;

  // The address of `symbol` in `path`; throws std::runtime_error with dlerror's text.
  void* symbol(const std::string& path, const std::string& symbol);
  // Forces the next symbol() on `path` to load it afresh.
  void unload(const std::string& path);

 private:
  void* handle(const std::string& path);

  std::size_t max_open_;
  std::list<std::pair<std::string, void*>> open_;  // front: most recently used
};

}  // namespace kevo::fitness::cpu
