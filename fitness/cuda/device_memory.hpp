#pragma once
// A device allocation that grows on demand and is kept between requests, so
// a worker does not pay cuMemAlloc/cuMemFree for every run.
#include <cstddef>

#include "fitness/cuda/driver_api.hpp"

namespace kevo::fitness::cuda {

class DeviceMemory {
 public:
  explicit DeviceMemory(const DriverApi& api) : api_(api) {}
  ~DeviceMemory() {
    if (pointer_ != 0) api_.cuMemFree(pointer_);
  }
  DeviceMemory(const DeviceMemory&) = delete;
  DeviceMemory& operator=(const DeviceMemory&) = delete;

  // At least `bytes` bytes; the old contents are not kept.
  CUdeviceptr ensure(std::size_t bytes, const char* what) {
    if (bytes <= bytes_ && pointer_ != 0) return pointer_;
    if (pointer_ != 0) api_.check(api_.cuMemFree(pointer_), std::string("free ") + what);
    pointer_ = 0;
    bytes_ = 0;
    api_.check(api_.cuMemAlloc(&pointer_, bytes == 0 ? 1 : bytes),
               std::string("allocate ") + std::to_string(bytes) + " bytes for " + what);
    bytes_ = bytes;
    return pointer_;
  }
  CUdeviceptr pointer() const { return pointer_; }

 private:
  const DriverApi& api_;
  CUdeviceptr pointer_ = 0;
  std::size_t bytes_ = 0;
};

}  // namespace kevo::fitness::cuda
