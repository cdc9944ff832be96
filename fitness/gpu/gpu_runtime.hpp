#pragma once
// One GPU as kevo-worker drives it, whatever the vendor: memory, copies on
// one stream, modules and their kernels, events, and what else the runner
// needs. The CUDA driver API (fitness/cuda/cuda_runtime) and the HIP runtime
// (fitness/hip/hip_runtime) implement it; the runner (fitness/gpu/gpu_runner)
// and the timing session (fitness/gpu/gpu_session_device) are written once
// against it.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "fitness/gpu/gpu_error.hpp"
#include "fitness/worker/worker_messages.hpp"
#include "population/evaluation.hpp"

namespace kevo::fitness::gpu {

using DevicePointer = std::uint64_t;
using ModuleHandle = void*;

// One launch step, checked and with its parameters built before any clock starts.
class KernelLaunch {
 public:
  virtual ~KernelLaunch() = default;
  virtual void launch() = 0;  // queued on the runtime's stream
  virtual const population::KernelResources& resources() const = 0;
};

// A multi-step plan recorded once and replayed as one unit (a CUDA graph),
// which removes the gaps between its steps from the timing.
class PlanReplay {
 public:
  virtual ~PlanReplay() = default;
  virtual void launch() = 0;
};

// Pairs of events recorded on the stream without waiting, read afterwards.
class TimingEvents {
 public:
  virtual ~TimingEvents() = default;
  virtual void record_start(std::size_t pair) = 0;
  virtual void record_stop(std::size_t pair) = 0;
  virtual double seconds(std::size_t pair) const = 0;
};

class GpuRuntime {
 public:
  virtual ~GpuRuntime() = default;

  virtual std::string describe_device() = 0;  // a JSON object: the worker's "device" reply
  virtual std::string lock_name() = 0;        // "cuda-0000:1b:00": one lock per physical GPU

  virtual DevicePointer allocate(std::size_t bytes, const std::string& what) = 0;
  virtual void release(DevicePointer pointer) noexcept = 0;
  virtual std::size_t free_bytes() = 0;
  // Synchronous copies between the host and the device.
  virtual void upload(DevicePointer to, const void* from, std::size_t bytes) = 0;
  virtual void download(void* to, DevicePointer from, std::size_t bytes) = 0;
  // Queued on the stream.
  virtual void copy(DevicePointer to, DevicePointer from, std::size_t bytes) = 0;
  virtual void fill(DevicePointer to, unsigned char value, std::size_t bytes) = 0;
  // Waits for the stream; a kernel's fault surfaces here as a GpuError.
  virtual void synchronize(const std::string& what) = 0;

  virtual ModuleHandle load_module(const std::string& path) = 0;
  virtual void unload_module(ModuleHandle module) noexcept = 0;
  // `buffers[b]` is the device address of the entry's buffer argument b.
  virtual std::unique_ptr<KernelLaunch> prepare(ModuleHandle module, const worker::WorkerEntry& entry,
                                                const std::vector<DevicePointer>& buffers) = 0;
  // Launches one of the evaluator's own kernels (fitness/gpu/protocol_kernels).
  virtual void launch_kernel(ModuleHandle module, const std::string& name, unsigned blocks, unsigned threads,
                             void** parameters) = 0;
  virtual std::unique_ptr<TimingEvents> timing_events(std::size_t pairs) = 0;
  // nullptr where plans cannot be recorded (they then run step by step).
  virtual std::unique_ptr<PlanReplay> record_plan(std::vector<std::unique_ptr<KernelLaunch>>& launches) {
    (void)launches;
    return nullptr;
  }

  // Hardware counters of one run of `run_plan`, one range per kernel launch,
  // named after `kernels`; throws CountersUnavailable where there are none.
  virtual population::CounterProfile read_counters(const std::vector<std::string>& metrics,
                                                   const std::function<void()>& run_plan,
                                                   const std::vector<std::string>& kernels);
};

struct CountersUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A device allocation kept between requests and grown on demand.
class DeviceBuffer {
 public:
  explicit DeviceBuffer(GpuRuntime& runtime) : runtime_(runtime) {}
  ~DeviceBuffer() { reset(); }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  // At least `bytes` bytes; the old contents are not kept.
  DevicePointer ensure(std::size_t bytes, const std::string& what);
  DevicePointer pointer() const { return pointer_; }
  void reset() noexcept;

 private:
  GpuRuntime& runtime_;
  DevicePointer pointer_ = 0;
  std::size_t bytes_ = 0;
};

}  // namespace kevo::fitness::gpu
