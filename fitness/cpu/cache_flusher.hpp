#pragma once
// Evicts the caches between timing samples by writing and reading a buffer
// larger than the last-level cache, so every sample starts cold, as a kernel
// called from real code with other work in between would.
#include <cstddef>
#include <cstdint>

namespace kevo::fitness::cpu {

class CacheFlusher {
 public:
  CacheFlusher() = default;
  ~CacheFlusher();
  CacheFlusher(const CacheFlusher&) = delete;
  CacheFlusher& operator=(const CacheFlusher&) = delete;
  void flush(std::size_t bytes);

 private:
  std::uint8_t* buffer_ = nullptr;  // mapped with every page populated at once: a kernel host is new for every request
  std::size_t bytes_ = 0;
  std::uint64_t checksum_ = 0;  // consumed, so the reads cannot be optimized away
};

}  // namespace kevo::fitness::cpu
