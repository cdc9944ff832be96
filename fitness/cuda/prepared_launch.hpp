#pragma once
// One launch step made ready before any clock starts: the kernel looked up,
// its shape checked against the device and the kernel's own limits, its
// parameters checked against the kernel's signature (where the driver can
// tell), and the parameter array built. A plan the kernel cannot take is the
// variant's fault: LaunchRejected, status `rejected`, never a crash.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "fitness/cuda/cuda_device.hpp"
#include "fitness/gpu/gpu_runtime.hpp"
#include "fitness/worker/worker_messages.hpp"
#include "population/evaluation.hpp"

namespace kevo::fitness::cuda {

using gpu::LaunchRejected;

class PreparedLaunch {
 public:
  // `buffers[b]` is the device address of buffer argument b.
  PreparedLaunch(const CudaDevice& device, CUmodule module, const worker::WorkerEntry& entry,
                 const std::vector<std::uint64_t>& buffers);
  PreparedLaunch(const PreparedLaunch&) = delete;
  PreparedLaunch& operator=(const PreparedLaunch&) = delete;
  PreparedLaunch(PreparedLaunch&&) = default;

  void launch(const DriverApi& api, CUstream stream);
  const population::KernelResources& resources() const { return resources_; }

 private:
  void check_shape(const CudaDevice& device);
  void check_parameters(const DriverApi& api, const worker::WorkerEntry& entry);
  void measure_resources(const CudaDevice& device);

  std::string symbol_;
  CUfunction function_ = nullptr;
  protocol::BoundShape shape_;
  std::vector<std::uint64_t> values_;  // one 8-byte slot per parameter
  std::vector<void*> params_;
  population::KernelResources resources_;
};

// The largest figure over the steps; the lowest occupancy.
population::KernelResources combine(const std::vector<PreparedLaunch>& launches);

}  // namespace kevo::fitness::cuda
