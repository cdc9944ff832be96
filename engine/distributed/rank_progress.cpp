#include "engine/distributed/rank_progress.hpp"

#include <chrono>

namespace kevo::engine {

RankProgress::RankProgress(Messenger& messenger, Progress& progress, const std::atomic<bool>& user_stop,
                           double interval_seconds)
    : messenger_(messenger), progress_(progress), user_stop_(user_stop), interval_seconds_(interval_seconds) {
  thread_ = std::thread([this] { loop(); });
}

RankProgress::~RankProgress() {
  close();
  tick();  // what arrived at the very end
}

void RankProgress::close() {
  {
    const std::lock_guard lock(mutex_);
    closing_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RankProgress::watch(std::function<nlohmann::json()> status) {
  const std::lock_guard lock(mutex_);
  status_ = std::move(status);
}

void RankProgress::post_now(const nlohmann::json& status) {
  if (messenger_.rank() == 0) {
    progress_.message(format_rank_status(0, status));
  } else {
    messenger_.post(0, Channel::progress, status.dump());
  }
}

void RankProgress::stop_all() {
  halt_ = true;
  for (int rank = 0; rank < messenger_.size(); ++rank)
    if (rank != messenger_.rank()) messenger_.post(rank, Channel::stop, "");
}

// Polls often enough that a stop reaches the islands within a fraction of a
// second; posts this rank's status once per interval.
void RankProgress::loop() {
  auto next_post = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_);
  while (!closing_) {
    wake_.wait_for(lock, std::chrono::milliseconds(200));
    lock.unlock();
    tick();
    if (messenger_.rank() != 0 && std::chrono::steady_clock::now() >= next_post) {
      nlohmann::json now;
      {
        // Called under the lock: watch({}) waits for a call in progress, so
        // the callback never outlives what it reads.
        const std::lock_guard call(mutex_);
        if (status_) now = status_();
      }
      if (!now.empty()) messenger_.post(0, Channel::progress, now.dump());
      next_post = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                         std::chrono::duration<double>(interval_seconds_));
    }
    lock.lock();
  }
}

void RankProgress::tick() {
  if (user_stop_.load()) halt_ = true;
  if (!messenger_.take(Channel::stop).empty()) halt_ = true;
  for (const Message& message : messenger_.take(Channel::progress)) print(message);
}

void RankProgress::print(const Message& message) {
  progress_.message(format_rank_status(message.from_rank, nlohmann::json::parse(message.payload)));
}

std::string format_rank_status(int rank, const nlohmann::json& status) {
  const double speedup = status.value("best", 0.0);
  const std::string best = speedup > 0 ? ", best " + format_speedup(speedup) : "";
  return "[rank " + std::to_string(rank) + " " + status.value("device", "?") + "] " + status.value("task", "?") +
         ": " + std::to_string(status.value("evaluations", 0)) + " evaluations" + best + ", " +
         status.value("state", "running");
}

}  // namespace kevo::engine
