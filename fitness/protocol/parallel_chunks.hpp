#pragma once
// Runs fn(chunk) for chunk = 0 .. chunks-1 on up to hardware_concurrency
// threads. Host work over a GPU bench size (drawing inputs, checksums,
// comparing outputs) touches hundreds of MiB per evaluation; callers split it
// into fixed chunks and combine the per-chunk results in chunk order, so the
// outcome never depends on the number of threads.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace kevo::fitness::protocol {

// Below this many chunks the threads cost more than they save.
inline constexpr std::int64_t kMinChunksPerThread = 4;

template <typename Function>
void for_each_chunk(std::int64_t chunks, Function fn) {
  const auto hardware = static_cast<std::int64_t>(std::max(1u, std::thread::hardware_concurrency()));
  const std::int64_t threads = std::min(hardware, chunks / kMinChunksPerThread + 1);
  if (threads <= 1) {
    for (std::int64_t c = 0; c < chunks; ++c) fn(c);
    return;
  }
  std::atomic<std::int64_t> next{0};
  auto work = [&] {
    for (std::int64_t c = next++; c < chunks; c = next++) fn(c);
  };
  std::vector<std::thread> pool;
  for (std::int64_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
}

}  // namespace kevo::fitness::protocol
