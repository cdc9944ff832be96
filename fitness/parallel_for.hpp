#pragma once
// Runs fn(i) for i = 0 .. count-1 on up to `max_threads` threads (the calling
// thread included), handing out indices one at a time: the shape of every
// parallel loop in fitness/ (compiles, and chunked host work over large
// buffers). Returns once every call has finished.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace kevo::fitness {

template <typename Function>
void parallel_for(std::int64_t count, std::int64_t max_threads, Function fn) {
  const std::int64_t threads = std::max<std::int64_t>(1, std::min(max_threads, count));
  if (threads == 1) {
    for (std::int64_t i = 0; i < count; ++i) fn(i);
    return;
  }
  std::atomic<std::int64_t> next{0};
  auto work = [&] {
    for (std::int64_t i = next++; i < count; i = next++) fn(i);
  };
  std::vector<std::jthread> pool;
  for (std::int64_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
}

}  // namespace kevo::fitness
