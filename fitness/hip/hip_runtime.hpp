#pragma once
// The HIP runtime behind gpu::GpuRuntime (`kevo-worker --hip N`): the device
// and one stream (HipDevice), launches checked against the kernel and the
// device before they run (HipLaunch). Plans run step by step (no graph
// capture yet: a multi-step plan's launch gaps are in its time), and there
// are no hardware counters on AMD GPUs yet.
#include <map>
#include <memory>
#include <string>

#include "fitness/gpu/gpu_runtime.hpp"
#include "fitness/hip/hip_device.hpp"

namespace kevo::fitness::hip {

class HipRuntime final : public gpu::GpuRuntime {
 public:
  explicit HipRuntime(int ordinal) : device_(ordinal) {}

  std::string describe_device() override { return device_.facts().to_json(); }
  std::string lock_name() override { return "hip-" + device_.facts().pci_address; }
  gpu::DevicePointer allocate(std::size_t bytes, const std::string& what) override;
  void release(gpu::DevicePointer pointer) noexcept override;
  std::size_t free_bytes() override;
  void upload(gpu::DevicePointer to, const void* from, std::size_t bytes) override;
  void download(void* to, gpu::DevicePointer from, std::size_t bytes) override;
  void copy(gpu::DevicePointer to, gpu::DevicePointer from, std::size_t bytes) override;
  void fill(gpu::DevicePointer to, unsigned char value, std::size_t bytes) override;
  void synchronize(const std::string& what) override;
  gpu::ModuleHandle load_module(const std::string& path) override;
  void unload_module(gpu::ModuleHandle module) noexcept override;
  std::unique_ptr<gpu::KernelLaunch> prepare(gpu::ModuleHandle module, const worker::WorkerEntry& entry,
                                             const std::vector<gpu::DevicePointer>& buffers) override;
  void launch_kernel(gpu::ModuleHandle module, const std::string& name, unsigned blocks, unsigned threads,
                     void** parameters) override;
  std::unique_ptr<gpu::TimingEvents> timing_events(std::size_t pairs) override;

 private:
  hipFunction function(gpu::ModuleHandle module, const std::string& name);

  HipDevice device_;
  std::map<std::pair<gpu::ModuleHandle, std::string>, hipFunction> functions_;
};

}  // namespace kevo::fitness::hip
