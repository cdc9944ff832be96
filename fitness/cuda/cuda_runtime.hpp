#pragma once
// The CUDA driver API behind gpu::GpuRuntime (`kevo-worker --cuda N`): the
// device's primary context and one stream (CudaDevice), launches checked
// against the kernel before they run (PreparedLaunch), multi-step plans
// captured into CUDA graphs, and hardware counters through CUPTI's range
// profiler (CounterProfiler), loaded on the first profile request.
#include <map>
#include <memory>
#include <string>

#include "fitness/cuda/counter_profiler.hpp"
#include "fitness/cuda/cuda_device.hpp"
#include "fitness/gpu/gpu_runtime.hpp"

namespace kevo::fitness::cuda {

class CudaRuntime final : public gpu::GpuRuntime {
 public:
  explicit CudaRuntime(int ordinal);

  std::string describe_device() override { return device_.facts().to_json(); }
  std::string lock_name() override { return "cuda-" + device_.facts().pci_address; }
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
  std::unique_ptr<gpu::PlanReplay> record_plan(std::vector<std::unique_ptr<gpu::KernelLaunch>>& launches) override;
  population::CounterProfile read_counters(const std::vector<std::string>& metrics,
                                           const std::function<void()>& run_plan,
                                           const std::vector<std::string>& kernels) override;

 private:
  CUfunction function(gpu::ModuleHandle module, const std::string& name);

  int ordinal_;
  CudaDevice device_;
  std::map<std::pair<gpu::ModuleHandle, std::string>, CUfunction> functions_;
  std::unique_ptr<CounterProfiler> profiler_;  // loaded on the first profile request
  std::string profiler_error_;                 // why counters cannot be read here, once known
};

}  // namespace kevo::fitness::cuda
