#pragma once
// Runs fn(chunk) for chunk = 0 .. chunks-1 on up to hardware_concurrency
// threads. Host work over a GPU bench size (drawing inputs, checksums,
// comparing outputs) touches hundreds of MiB per evaluation; callers split it
// into fixed chunks and combine the per-chunk results in chunk order, so the
// outcome never depends on the number of threads.
#include <algorithm>
#include <cstdint>
#include <thread>

#include "fitness/parallel_for.hpp"

namespace kevo::fitness::protocol {

// Below this many chunks per thread the threads cost more than they save.
inline constexpr std::int64_t kMinChunksPerThread = 4;

template <typename Function>
void for_each_chunk(std::int64_t chunks, Function fn) {
  const auto hardware = static_cast<std::int64_t>(std::max(1u, std::thread::hardware_concurrency()));
  parallel_for(chunks, std::min(hardware, chunks / kMinChunksPerThread + 1), fn);
}

}  // namespace kevo::fitness::protocol
