#include <condition_variable>
#include <map>
#include <mutex>

#include "engine/distributed/messenger.hpp"

namespace kevo::engine {
namespace {

struct Exchange {
  std::mutex mutex;
  std::condition_variable all_done;
  std::map<std::pair<int, Channel>, std::vector<Message>> boxes;  // (to rank, channel)
  int done = 0;
};

class LoopbackMessenger final : public Messenger {
 public:
  LoopbackMessenger(std::shared_ptr<Exchange> exchange, int rank, int size)
      : exchange_(std::move(exchange)), rank_(rank), size_(size) {}
  int rank() const override { return rank_; }
  int size() const override { return size_; }
  void post(int to_rank, Channel channel, std::string payload) override {
    const std::lock_guard lock(exchange_->mutex);
    exchange_->boxes[{to_rank, channel}].push_back({rank_, std::move(payload)});
  }
  std::vector<Message> take(Channel channel) override {
    const std::lock_guard lock(exchange_->mutex);
    std::vector<Message> arrived;
    arrived.swap(exchange_->boxes[{rank_, channel}]);
    return arrived;
  }
  void finish() override {
    std::unique_lock lock(exchange_->mutex);
    ++exchange_->done;
    exchange_->all_done.notify_all();
    exchange_->all_done.wait(lock, [&] { return exchange_->done >= size_; });
  }

 private:
  std::shared_ptr<Exchange> exchange_;
  int rank_;
  int size_;
};

}  // namespace

std::vector<std::unique_ptr<Messenger>> make_loopback_messengers(int size) {
  auto exchange = std::make_shared<Exchange>();
  std::vector<std::unique_ptr<Messenger>> messengers;
  for (int rank = 0; rank < size; ++rank) messengers.push_back(std::make_unique<LoopbackMessenger>(exchange, rank, size));
  return messengers;
}

}  // namespace kevo::engine
