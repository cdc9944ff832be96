#include "fitness/worker/shared_mapping.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace kevo::fitness::worker {

SharedMapping::SharedMapping(const std::string& path, std::size_t size) : size_(size) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("open " + path + ": " + std::strerror(errno));
  void* base = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  const int map_errno = errno;
  ::close(fd);
  if (base == MAP_FAILED) throw std::runtime_error("mmap " + path + ": " + std::strerror(map_errno));
  base_ = static_cast<unsigned char*>(base);
}

SharedMapping::~SharedMapping() { ::munmap(base_, size_); }

const protocol::BufferSlot& checked_slot(const RunRequest& request, std::size_t index) {
  if (index >= request.buffers.size()) {
    throw std::runtime_error("buffer " + std::to_string(index) + " not in the request");
  }
  const protocol::BufferSlot& slot = request.buffers[index];
  if (slot.offset + slot.bytes > request.shm_size) {
    throw std::runtime_error("buffer " + std::to_string(index) + " lies outside the shared memory");
  }
  return slot;
}

}  // namespace kevo::fitness::worker
