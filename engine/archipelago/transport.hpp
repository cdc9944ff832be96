#pragma once
// Transport: how migrants travel between islands. The island never knows
// whether its neighbour is a thread (InProcessTransport) or an MPI rank.
// Both calls are non-blocking: no island ever waits for another.
#include <memory>
#include <vector>

#include "population/variant.hpp"

namespace kevo::engine {

struct Migrant {
  int from_island = 0;
  population::Variant variant;
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual void send(int to_island, std::vector<Migrant> migrants) = 0;
  // Takes every migrant that has arrived for `island` so far (possibly none).
  virtual std::vector<Migrant> receive(int island) = 0;
  virtual int island_count() const = 0;
};

// Islands as threads in one process: a mutex-guarded mailbox per island.
std::unique_ptr<Transport> make_in_process_transport(int island_count);

}  // namespace kevo::engine
