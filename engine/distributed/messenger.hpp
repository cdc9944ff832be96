#pragma once
// Messenger: non-blocking messages between the ranks of a distributed
// campaign. Nothing here waits for another rank except finish(), at the very
// end: a fast rank posts and moves on, and takes what has arrived when it
// next looks. MpiMessenger is the real one; LoopbackMessenger connects ranks
// that are threads of one process, for tests.
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace kevo::engine {

enum class Channel { migrants = 1, progress = 2, stop = 3 };

struct Message {
  int from_rank = 0;
  std::string payload;
};

class Messenger {
 public:
  virtual ~Messenger() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  // Queues a message; returns at once.
  virtual void post(int to_rank, Channel channel, std::string payload) = 0;
  // Every message on `channel` that has arrived so far, in arrival order.
  virtual std::vector<Message> take(Channel channel) = 0;
  // Tells every rank this one is done, keeps delivering until every rank has
  // said so and every posted message has left; the only wait in a campaign.
  virtual void finish() = 0;
};

// `size` connected messengers, one per simulated rank.
std::vector<std::unique_ptr<Messenger>> make_loopback_messengers(int size);

}  // namespace kevo::engine
