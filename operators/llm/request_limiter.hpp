#pragma once
// RequestLimiter: at most `max_in_flight` requests at once and at most
// `max_per_window` started in any sliding window (60 s for a per-minute
// limit), shared by every island that talks to one endpoint. acquire()
// blocks until both allow a start; the returned Slot frees its place.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>

namespace kevo::operators::llm {

class RequestLimiter {
 public:
  // 0 for either limit: unlimited.
  RequestLimiter(int max_in_flight, int max_per_window, double window_seconds = 60.0);

  class Slot {
   public:
    explicit Slot(RequestLimiter& owner) : owner_(&owner) {}
    ~Slot() { owner_->release(); }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    RequestLimiter* owner_;
  };
  Slot acquire();

 private:
  using Clock = std::chrono::steady_clock;
  void release();

  int max_in_flight_;
  int max_per_window_;
  Clock::duration window_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int in_flight_ = 0;
  std::deque<Clock::time_point> starts_;  // within the last window
};

}  // namespace kevo::operators::llm
