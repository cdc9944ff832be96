#include "fitness/worker/shared_buffers.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <stdexcept>

namespace kevo::fitness::worker {

namespace {

std::filesystem::path unique_name(const std::filesystem::path& directory) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return directory / ("kevo-" + std::to_string(::getpid()) + "-" + std::to_string(rng()) + ".buf");
}

std::runtime_error error_for(const std::string& what, const std::filesystem::path& path,
                             std::size_t bytes, int code) {
  return std::runtime_error(what + " " + path.string() + " (" + std::to_string(bytes) +
                            " bytes): " + std::strerror(code));
}

}  // namespace

SharedBuffers::SharedBuffers(const std::filesystem::path& directory, std::size_t bytes)
    : size_(bytes == 0 ? 1 : bytes) {
  // Without /dev/shm (macOS), or with one too small for a GPU bench size
  // (containers often cap it at 64 MiB), fall back to the temporary directory.
  std::error_code ignored;
  const std::filesystem::path fallback = std::filesystem::temp_directory_path();
  const bool usable = std::filesystem::is_directory(directory, ignored);
  if (create(usable ? directory : fallback)) return;
  if (usable && directory != fallback && create(fallback)) return;
  throw std::runtime_error(last_error_);
}

// Creates, sizes and maps the file in `dir`; false (last_error_ set) when it cannot.
bool SharedBuffers::create(const std::filesystem::path& dir) {
  path_ = unique_name(dir);
  const int fd = ::open(path_.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    last_error_ = error_for("cannot create", path_, size_, errno).what();
    return false;
  }
  // posix_fallocate, not ftruncate: on a full tmpfs a sparse file would turn
  // the first write into a SIGBUS in the engine; this fails here, cleanly.
  if (const int code = ::posix_fallocate(fd, 0, static_cast<off_t>(size_)); code != 0) {
    ::close(fd);
    ::unlink(path_.c_str());
    last_error_ = error_for("cannot size", path_, size_, code).what();
    return false;
  }
  void* base = ::mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  const int code = errno;
  ::close(fd);
  if (base == MAP_FAILED) {
    ::unlink(path_.c_str());
    last_error_ = error_for("cannot map", path_, size_, code).what();
    return false;
  }
  data_ = static_cast<unsigned char*>(base);
  return true;
}

SharedBuffers::~SharedBuffers() {
  ::munmap(data_, size_);
  ::unlink(path_.c_str());
}

}  // namespace kevo::fitness::worker
