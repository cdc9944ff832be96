#include "fitness/cpu/cache_flusher.hpp"

#include <sys/mman.h>

#include <new>

namespace kevo::fitness::cpu {

namespace {
constexpr std::size_t kLineBytes = 64;
}

CacheFlusher::~CacheFlusher() {
  if (buffer_ != nullptr) ::munmap(buffer_, bytes_);
}

void CacheFlusher::flush(std::size_t bytes) {
  if (bytes == 0) return;
  if (bytes_ != bytes) {
    if (buffer_ != nullptr) ::munmap(buffer_, bytes_);
    void* mapped = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (mapped == MAP_FAILED) throw std::bad_alloc();
    buffer_ = static_cast<std::uint8_t*>(mapped);
    bytes_ = bytes;
  }
  std::uint64_t sum = checksum_;
  // One touch per cache line: a read-modify-write pulls the line in and dirties
  // it, so the kernel's lines are evicted and written-back traffic is realistic.
  for (std::size_t i = 0; i < bytes; i += kLineBytes) {
    buffer_[i] = static_cast<std::uint8_t>(buffer_[i] + 1);
    sum += buffer_[i];
  }
  checksum_ = sum;
  // A compiler barrier: the stores above must happen before the timer starts.
  asm volatile("" : : "r"(checksum_) : "memory");
}

}  // namespace kevo::fitness::cpu
