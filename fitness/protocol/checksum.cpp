#include "fitness/protocol/checksum.hpp"

#include <cstring>

#include "fitness/protocol/random.hpp"

namespace kevo::fitness::protocol {

std::uint64_t checksum(const void* data, std::size_t bytes) {
  const auto* in = static_cast<const unsigned char*>(data);
  std::uint64_t hash = mix64(bytes);
  std::size_t offset = 0;
  for (; offset + 8 <= bytes; offset += 8) {
    std::uint64_t word;
    std::memcpy(&word, in + offset, 8);
    hash = (hash ^ mix64(word)) * 0x9FB21C651E98DF25ULL;
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, in + offset, bytes - offset);
  return mix64(hash ^ mix64(tail ^ (bytes - offset)));
}

}  // namespace kevo::fitness::protocol
