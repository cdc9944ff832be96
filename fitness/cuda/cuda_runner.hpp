#pragma once
// The CUDA back end inside kevo-worker (`kevo-worker --cuda N`). For each
// request it copies the engine's shared buffers (inputs, poisoned outputs,
// guard bytes) to one device allocation with the same layout, launches the
// cubin's kernels on it, and copies everything back, so the engine judges
// the same bytes it would for a CPU kernel.
//
// Time mode: the outputs' poisoned state is saved on the device once; before
// every run the outputs are restored from it and the L2 is flushed (a memset
// over twice its size), both outside the events that bracket the launch
// plan. Multi-step plans are captured into a CUDA graph and replayed, which
// removes the launch gaps between steps from the timing.
//
// Profile mode runs the plan once, step by step, under the CUPTI range
// profiler (CounterProfiler) and copies nothing back: it is asked for only
// after the variant was checked and timed.
//
// Each request runs under a DeviceLock: other kevo processes sharing the GPU
// wait, so their kernels never overlap our timed samples.
//
// The device is opened on first use, so a worker on a machine without a
// driver still answers ping and reports the reason on the first request.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fitness/cuda/counter_profiler.hpp"
#include "fitness/cuda/cuda_device.hpp"
#include "fitness/cuda/device_memory.hpp"
#include "fitness/cuda/prepared_launch.hpp"
#include "fitness/worker/device_lock.hpp"
#include "fitness/worker/kernel_runner.hpp"

namespace kevo::fitness::cuda {

class CudaRunner final : public worker::KernelRunner {
 public:
  explicit CudaRunner(int ordinal) : ordinal_(ordinal) {}
  worker::RunReply run(const worker::RunRequest& request) override;
  std::string describe_device() override;

 private:
  CudaDevice& device();
  CUmodule module(const std::string& path, bool reload);
  std::vector<PreparedLaunch> prepare(const worker::RunRequest& request, CUmodule module);
  void launch_all(std::vector<PreparedLaunch>& launches);
  std::vector<double> time(const worker::RunRequest& request, std::vector<PreparedLaunch>& launches);
  void save_outputs(const worker::RunRequest& request);
  void restore_outputs(const worker::RunRequest& request);
  worker::RunReply profile(const worker::RunRequest& request, std::vector<PreparedLaunch>& launches);

  int ordinal_;
  std::unique_ptr<CudaDevice> device_;
  std::unique_ptr<DeviceMemory> region_;   // the shared buffers' device twin
  std::unique_ptr<DeviceMemory> saved_;    // the poisoned outputs, for time mode
  std::unique_ptr<DeviceMemory> flush_;    // written between samples to evict the L2
  std::map<std::string, CUmodule> modules_;
  std::unique_ptr<CounterProfiler> profiler_;  // loaded on the first profile request
  std::string profiler_error_;                 // why counters cannot be read here, once known
  std::unique_ptr<worker::DeviceLock> lock_;  // other kevo processes on this GPU wait while we run
};

}  // namespace kevo::fitness::cuda
