#include "fitness/protocol/checksum.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <thread>
#include <vector>

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
  const unsigned threads = static_cast<unsigned>(std::min<std::size_t>(
      chunks / 8 + 1, std::max(1u, std::thread::hardware_concurrency())));
  if (threads <= 1) {
    for (std::size_t c = 0; c < chunks; ++c) hash_chunk(c);
  } else {
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t c = next++; c < chunks; c = next++) hash_chunk(c);
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (std::thread& thread : pool) thread.join();
  }
  std::uint64_t hash = mix64(bytes);
  for (const std::uint64_t chunk : hashes) hash = (hash ^ mix64(chunk)) * kMultiplier;
  return mix64(hash);
}

}  // namespace kevo::fitness::protocol
