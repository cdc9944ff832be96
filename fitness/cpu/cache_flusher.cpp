#include "fitness/cpu/cache_flusher.hpp"

namespace kevo::fitness::cpu {

namespace {
constexpr std::size_t kLineBytes = 64;
}

void CacheFlusher::flush(std::size_t bytes) {
  if (bytes == 0) return;
  if (buffer_.size() != bytes) buffer_.assign(bytes, 0);
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
