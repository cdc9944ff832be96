#pragma once
// The HIP back end inside kevo-worker (`kevo-worker --hip N`), the CUDA
// runner's protocol on an AMD GPU: per request the engine's shared buffers
// (inputs, poisoned outputs, guard bytes) are copied to one device
// allocation with the same layout, the code object's kernels launched on it,
// and everything copied back, so the engine judges the same bytes.
//
// Time mode: the poisoned outputs are saved on the device once; before every
// run they are restored and the L2 is flushed (a memset over twice its
// size), outside the hipEvents that bracket the plan. Plans run step by step
// (no graph capture yet: a multi-step plan's launch gaps are in its time).
// Profile mode is not supported on AMD yet: the reply says so.
//
// Each request runs under a DeviceLock keyed by the GPU's PCI address.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "fitness/hip/hip_device.hpp"
#include "fitness/hip/hip_launch.hpp"
#include "fitness/worker/device_lock.hpp"
#include "fitness/worker/kernel_runner.hpp"

namespace kevo::fitness::hip {

// A device allocation kept between requests and grown on demand.
class HipMemory {
 public:
  explicit HipMemory(const HipRuntimeApi& api) : api_(api) {}
  ~HipMemory();
  HipMemory(const HipMemory&) = delete;
  HipMemory& operator=(const HipMemory&) = delete;
  char* ensure(std::size_t bytes, const char* what);  // old contents are not kept
  char* pointer() const { return pointer_; }

 private:
  const HipRuntimeApi& api_;
  char* pointer_ = nullptr;
  std::size_t bytes_ = 0;
};

class HipRunner final : public worker::KernelRunner {
 public:
  explicit HipRunner(int ordinal) : ordinal_(ordinal) {}
  worker::RunReply run(const worker::RunRequest& request) override;
  std::string describe_device() override;

 private:
  HipDevice& device();
  hipModule module(const std::string& path, bool reload);
  std::vector<double> time(const worker::RunRequest& request, std::vector<HipLaunch>& launches);
  void launch_all(std::vector<HipLaunch>& launches);
  void copy_outputs(const worker::RunRequest& request, bool save);

  int ordinal_;
  std::unique_ptr<HipDevice> device_;
  std::unique_ptr<HipMemory> region_;  // the shared buffers' device twin
  std::unique_ptr<HipMemory> saved_;   // the poisoned outputs, for time mode
  std::unique_ptr<HipMemory> flush_;   // written between samples to evict the L2
  std::map<std::string, hipModule> modules_;
  std::unique_ptr<worker::DeviceLock> lock_;
};

}  // namespace kevo::fitness::hip
