#pragma once
// Engine side of the shared memory of one evaluation: a file under
// Context::scratch_dir (/dev/shm: memory, not disk), created exclusively with
// mode 0600, mapped MAP_SHARED, and unlinked when this object dies. The worker
// maps the same file by path for each request, so tensors are never copied
// through the protocol pipe and the engine reads outputs in place.
#include <cstddef>
#include <filesystem>
#include <string>

namespace kevo::fitness::worker {

class SharedBuffers {
 public:
  // Throws std::runtime_error naming the directory and size when it cannot.
  SharedBuffers(const std::filesystem::path& directory, std::size_t bytes);
  ~SharedBuffers();
  SharedBuffers(const SharedBuffers&) = delete;
  SharedBuffers& operator=(const SharedBuffers&) = delete;

  unsigned char* data() const { return data_; }
  std::size_t size() const { return size_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  bool create(const std::filesystem::path& dir);

  std::string last_error_;
  std::filesystem::path path_;
  unsigned char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace kevo::fitness::worker
