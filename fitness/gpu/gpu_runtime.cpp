#include "fitness/gpu/gpu_runtime.hpp"

namespace kevo::fitness::gpu {

population::CounterProfile GpuRuntime::read_counters(const std::vector<std::string>&, const std::function<void()>&,
                                                     const std::vector<std::string>&) {
  throw CountersUnavailable("no hardware counters on this GPU (kevo reads CUPTI's on NVIDIA only)");
}

DevicePointer DeviceBuffer::ensure(std::size_t bytes, const std::string& what) {
  if (bytes <= bytes_ && pointer_ != 0) return pointer_;
  reset();
  pointer_ = runtime_.allocate(bytes == 0 ? 1 : bytes, what);
  bytes_ = bytes;
  return pointer_;
}

void DeviceBuffer::reset() noexcept {
  if (pointer_ != 0) runtime_.release(pointer_);
  pointer_ = 0;
  bytes_ = 0;
}

}  // namespace kevo::fitness::gpu
