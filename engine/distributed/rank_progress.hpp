#pragma once
// RankProgress: one view of a distributed campaign, on rank 0. The other
// ranks post a short status every few seconds and when a task ends; rank 0
// prints each as a line beside its own live line. A stop asked by any rank
// (a failed device under on_rank_failure: stop) or by the user reaches
// every rank through halt(). Nobody waits for anybody.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "engine/distributed/messenger.hpp"
#include "engine/progress.hpp"

namespace kevo::engine {

class RankProgress {
 public:
  RankProgress(Messenger& messenger, Progress& progress, const std::atomic<bool>& user_stop,
               double interval_seconds = 5.0);
  ~RankProgress();
  RankProgress(const RankProgress&) = delete;
  RankProgress& operator=(const RankProgress&) = delete;

  // What this rank reports at each interval ({"task", "evaluations", ...}); empty: nothing.
  // Once watch({}) returns, the previous callback is not running and never runs again.
  void watch(std::function<nlohmann::json()> status);
  // Reports at once (a task's end, a failure).
  void post_now(const nlohmann::json& status);
  // Asks every rank, this one included, to commit and stop.
  void stop_all();
  const std::atomic<bool>& halt() const { return halt_; }
  // Stops posting; call before Messenger::finish(), after which nothing may
  // be sent. What still arrives is printed when this object is destroyed.
  void close();

 private:
  void loop();
  void tick();
  void print(const Message& message);

  Messenger& messenger_;
  Progress& progress_;
  const std::atomic<bool>& user_stop_;
  double interval_seconds_;
  std::atomic<bool> halt_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool closing_ = false;
  std::function<nlohmann::json()> status_;
  std::thread thread_;
};

// "[rank 2 cpu:AMD-EPYC] triad: 12 evaluations, best 3.10x, running"
std::string format_rank_status(int rank, const nlohmann::json& status);

}  // namespace kevo::engine
