#include "fitness/protocol/reference_cache.hpp"

namespace kevo::fitness::protocol {

namespace {
std::size_t total_bytes(const ReferenceOutputs& outputs) {
  std::size_t bytes = 0;
  for (const auto& output : outputs) bytes += output.size();
  return bytes;
}
}  // namespace

std::shared_ptr<const ReferenceOutputs> ReferenceCache::find(const std::string& size_label,
                                                             std::uint64_t input_seed) {
  const auto hit = index_.find({size_label, input_seed});
  if (hit == index_.end()) return nullptr;
  recency_.splice(recency_.begin(), recency_, hit->second);
  return hit->second->outputs;
}

std::shared_ptr<const ReferenceOutputs> ReferenceCache::insert(const std::string& size_label,
                                                               std::uint64_t input_seed,
                                                               ReferenceOutputs outputs) {
  auto shared = std::make_shared<const ReferenceOutputs>(std::move(outputs));
  const std::size_t bytes = total_bytes(*shared);
  const Key key{size_label, input_seed};
  if (const auto old = index_.find(key); old != index_.end()) {
    bytes_ -= old->second->bytes;
    recency_.erase(old->second);
    index_.erase(old);
  }
  // Too big to keep: hand it back uncached rather than flush everything else.
  if (bytes > max_bytes_) return shared;
  evict_until_fits(bytes);
  recency_.push_front({key, shared, bytes});
  index_[key] = recency_.begin();
  bytes_ += bytes;
  return shared;
}

void ReferenceCache::evict_until_fits(std::size_t incoming) {
  while (!recency_.empty() && bytes_ + incoming > max_bytes_) {
    bytes_ -= recency_.back().bytes;
    index_.erase(recency_.back().key);
    recency_.pop_back();
  }
}

}  // namespace kevo::fitness::protocol
