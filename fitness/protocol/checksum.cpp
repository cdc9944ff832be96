#include "fitness/protocol/checksum.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include "fitness/protocol/parallel_chunks.hpp"
#include "fitness/protocol/random.hpp"

namespace kevo::fitness::protocol {

namespace {

// Inputs at a GPU bench size are hundreds of MiB and are checksummed after
// every run, so the hash is computed per 1 MiB chunk (four independent lanes
// inside a chunk, chunks on several threads) and the chunk hashes combined
// in order: the value never depends on the thread count.
constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
constexpr std::uint64_t kMultiplier = 0x9FB21C651E98DF25ULL;

std::uint64_t chunk_hash(const unsigned char* in, std::size_t bytes) {
  std::uint64_t lanes[4] = {mix64(bytes), mix64(bytes + 1), mix64(bytes + 2), mix64(bytes + 3)};
  std::size_t offset = 0;
  for (; offset + 32 <= bytes; offset += 32) {
    for (int lane = 0; lane < 4; ++lane) {
      std::uint64_t word;
      std::memcpy(&word, in + offset + 8 * lane, 8);
      lanes[lane] = (lanes[lane] ^ mix64(word)) * kMultiplier;
    }
  }
  std::uint64_t hash = mix64(lanes[0] ^ mix64(lanes[1] ^ mix64(lanes[2] ^ mix64(lanes[3]))));
  for (; offset < bytes; offset += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, in + offset, std::min<std::size_t>(8, bytes - offset));
    hash = (hash ^ mix64(word ^ offset)) * kMultiplier;
  }
  return hash;
}

}  // namespace

std::uint64_t checksum(const void* data, std::size_t bytes) {
  const auto* in = static_cast<const unsigned char*>(data);
  const std::size_t chunks = std::max<std::size_t>(1, (bytes + kChunkBytes - 1) / kChunkBytes);
  std::vector<std::uint64_t> hashes(chunks);
  auto hash_chunk = [&](std::size_t c) {
    const std::size_t first = c * kChunkBytes;
    hashes[c] = chunk_hash(in + first, std::min(kChunkBytes, bytes - std::min(bytes, first)));
  };
  for_each_chunk(static_cast<std::int64_t>(chunks), [&](std::int64_t c) { hash_chunk(static_cast<std::size_t>(c)); });
  std::uint64_t hash = mix64(bytes);
  for (const std::uint64_t chunk : hashes) hash = (hash ^ mix64(chunk)) * kMultiplier;
  return mix64(hash);
}

}  // namespace kevo::fitness::protocol
