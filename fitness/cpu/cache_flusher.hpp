#pragma once
// Evicts the caches between timing samples by writing and reading a buffer
// larger than the last-level cache, so every sample starts cold, as a kernel
// called from real code with other work in between would.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace kevo::fitness::cpu {

class CacheFlusher {
 public:
  void flush(std::size_t bytes);

 private:
  std::vector<std::uint8_t> buffer_;
  std::uint64_t checksum_ = 0;  // consumed, so the reads cannot be optimized away
};

}  // namespace kevo::fitness::cpu
