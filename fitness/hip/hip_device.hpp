#pragma once
// One AMD GPU as `kevo-worker --hip N` sees it: the HIP runtime, the device
// and a stream, opened once per worker, plus the facts the engine needs
// (name for the hardware profile, which gives the gfx target; CUs; L2 for
// flushing; wavefront size).
#include <memory>
#include <string>

#include "fitness/hip/hip_runtime_api.hpp"

namespace kevo::fitness::hip {

struct HipDeviceFacts {
  int ordinal = 0;
  std::string name;               // "AMD Instinct MI250X" (what hipDeviceGetName says)
  int compute_units = 0;
  int wavefront_size = 0;
  int l2_bytes = 0;
  int max_threads_per_block = 0;
  int max_threads_per_compute_unit = 0;
  int shared_per_block = 0;
  int clock_khz = 0;
  std::size_t total_memory_bytes = 0;
  int runtime_version = 0;
  std::string pci_address;        // "0000:c1:00": one lock per physical GPU

  std::string id() const;       // "hip:0:AMD-Instinct-MI250X"
  std::string to_json() const;  // the reply to the worker's "device" request
};

HipDeviceFacts hip_device_facts_from_json(const std::string& json_text);

class HipDevice {
 public:
  // Opens the runtime and the device; throws std::runtime_error naming
  // hip:N when there is no ROCm, no AMD GPU or no such ordinal.
  explicit HipDevice(int ordinal);

  const HipRuntimeApi& api() const { return *api_; }
  const HipDeviceFacts& facts() const { return facts_; }
  hipStream stream() const { return stream_; }

 private:
  std::unique_ptr<HipRuntimeApi> api_;
  HipDeviceFacts facts_;
  hipStream stream_ = nullptr;
};

}  // namespace kevo::fitness::hip
