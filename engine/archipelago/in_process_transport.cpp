#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>

#include "engine/archipelago/transport.hpp"

namespace kevo::engine {

namespace {

// One lock per mailbox: islands sending to different neighbours never contend,
// and a lock is held only to append or swap a vector, so a sender never waits
// on a receiver's work.
struct Mailbox {
  std::mutex mutex;
  std::vector<Migrant> migrants;
};

class InProcessTransport final : public Transport {
 public:
  explicit InProcessTransport(int island_count)
      : mailboxes_(static_cast<std::size_t>(island_count)) {}

  void send(int to_island, std::vector<Migrant> migrants) override {
    auto& box = mailbox(to_island, "send");
    if (migrants.empty()) return;
    const std::lock_guard lock(box.mutex);
    if (box.migrants.empty()) {
      box.migrants = std::move(migrants);
    } else {
      box.migrants.insert(box.migrants.end(), std::make_move_iterator(migrants.begin()),
                          std::make_move_iterator(migrants.end()));
    }
  }

  std::vector<Migrant> receive(int island) override {
    auto& box = mailbox(island, "receive");
    std::vector<Migrant> arrived;
    const std::lock_guard lock(box.mutex);
    arrived.swap(box.migrants);
    return arrived;
  }

  int island_count() const override { return static_cast<int>(mailboxes_.size()); }

 private:
  Mailbox& mailbox(int island, const char* call) {
    if (island < 0 || island >= island_count()) {
      throw std::out_of_range(std::string("in-process transport ") + call + ": island " +
                              std::to_string(island) + " out of range (island count " +
                              std::to_string(island_count()) + ")");
    }
    return mailboxes_[static_cast<std::size_t>(island)];
  }

  std::vector<Mailbox> mailboxes_;
};

}  // namespace

std::unique_ptr<Transport> make_in_process_transport(int island_count) {
  if (island_count < 1) {
    throw std::invalid_argument("in-process transport: island count must be at least 1, got " +
                                std::to_string(island_count));
  }
  return std::make_unique<InProcessTransport>(island_count);
}

}  // namespace kevo::engine
