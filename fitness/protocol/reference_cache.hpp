#pragma once
// Reference outputs kept in memory, keyed by (size, input seed): the bench
// size is checked before timing and again after it, and a variant evaluated
// twice (a migrant, a re-timed seed) draws the same inputs, so the trusted but
// often slow reference need not run again. Bounded in bytes; least recently
// used entries go first.
#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kevo::fitness::protocol {

// One byte vector per output tensor, in the task's tensor order.
using ReferenceOutputs = std::vector<std::vector<unsigned char>>;

class ReferenceCache {
 public:
  explicit ReferenceCache(std::size_t max_bytes = std::size_t{256} << 20) : max_bytes_(max_bytes) {}

  // The cached outputs or nullptr; shared, so eviction never pulls them from under a caller.
  std::shared_ptr<const ReferenceOutputs> find(const std::string& size_label,
                                               std::uint64_t input_seed);
  std::shared_ptr<const ReferenceOutputs> insert(const std::string& size_label,
                                                 std::uint64_t input_seed, ReferenceOutputs outputs);
  std::size_t bytes() const { return bytes_; }

 private:
  using Key = std::pair<std::string, std::uint64_t>;
  struct Entry {
    Key key;
    std::shared_ptr<const ReferenceOutputs> outputs;
    std::size_t bytes;
  };
  void evict_until_fits(std::size_t incoming);

  std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  std::list<Entry> recency_;  // front: most recently used
  std::map<Key, std::list<Entry>::iterator> index_;
};

}  // namespace kevo::fitness::protocol
