#include "operators/llm/request_limiter.hpp"

namespace kevo::operators::llm {

RequestLimiter::RequestLimiter(int max_in_flight, int max_per_window, double window_seconds)
    : max_in_flight_(max_in_flight),
      max_per_window_(max_per_window),
      window_(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(window_seconds))) {}

RequestLimiter::Slot RequestLimiter::acquire() {
  std::unique_lock lock(mutex_);
  for (;;) {
    const auto now = Clock::now();
    while (!starts_.empty() && now - starts_.front() >= window_) starts_.pop_front();
    const bool room_in_flight = max_in_flight_ <= 0 || in_flight_ < max_in_flight_;
    const bool room_in_window = max_per_window_ <= 0 || static_cast<int>(starts_.size()) < max_per_window_;
    if (room_in_flight && room_in_window) break;
    if (!room_in_window) {
      changed_.wait_until(lock, starts_.front() + window_);  // the oldest start leaves the window then
    } else {
      changed_.wait(lock);
    }
  }
  ++in_flight_;
  starts_.push_back(Clock::now());
  return Slot(*this);
}

void RequestLimiter::release() {
  {
    const std::lock_guard lock(mutex_);
    --in_flight_;
  }
  changed_.notify_all();
}

}  // namespace kevo::operators::llm
