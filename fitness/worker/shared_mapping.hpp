#pragma once
// The engine's shared buffers as seen from the worker, mapped for the length
// of one request, with bounds-checked access to each buffer slot.
#include <cstddef>
#include <string>

#include "fitness/worker/worker_messages.hpp"

namespace kevo::fitness::worker {

class SharedMapping {
 public:
  SharedMapping(const std::string& path, std::size_t size);
  ~SharedMapping();
  SharedMapping(const SharedMapping&) = delete;
  SharedMapping& operator=(const SharedMapping&) = delete;

  unsigned char* base() const { return base_; }
  std::size_t size() const { return size_; }

 private:
  unsigned char* base_ = nullptr;
  std::size_t size_;
};

// The request's buffer `index` as an offset into the shared memory; throws
// std::runtime_error when the index or the slot lies outside it.
const protocol::BufferSlot& checked_slot(const RunRequest& request, std::size_t index);

}  // namespace kevo::fitness::worker
