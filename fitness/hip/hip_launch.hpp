#pragma once
// One launch step on an AMD GPU made ready before any clock starts: the
// kernel looked up in the code object, its block and LDS checked against the
// kernel and the device, the parameter array built, and what it asks of a
// compute unit measured. A plan the kernel cannot take is the variant's
// fault (HipLaunchRejected, status `rejected`), as on CUDA.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "fitness/gpu/gpu_runtime.hpp"
#include "fitness/hip/hip_device.hpp"
#include "fitness/worker/worker_messages.hpp"
#include "population/evaluation.hpp"

namespace kevo::fitness::hip {

using HipLaunchRejected = gpu::LaunchRejected;

class HipLaunch {
 public:
  // `buffers[b]` is the device address of buffer argument b.
  HipLaunch(const HipDevice& device, hipModule module, const worker::WorkerEntry& entry,
            const std::vector<std::uint64_t>& buffers);
  HipLaunch(const HipLaunch&) = delete;
  HipLaunch& operator=(const HipLaunch&) = delete;
  HipLaunch(HipLaunch&&) = default;

  void launch(const HipRuntimeApi& api, hipStream stream);
  const population::KernelResources& resources() const { return resources_; }

 private:
  void check_shape(const HipDevice& device);
  void measure_resources(const HipDevice& device);

  std::string symbol_;
  hipFunction function_ = nullptr;
  protocol::BoundShape shape_;
  std::vector<std::uint64_t> values_;  // one 8-byte slot per parameter
  std::vector<void*> params_;
  population::KernelResources resources_;
};

// The largest figure over the steps; the lowest occupancy.
population::KernelResources combine(const std::vector<HipLaunch>& launches);

}  // namespace kevo::fitness::hip
