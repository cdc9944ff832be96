#pragma once
// The GPU back end inside kevo-worker (`--cuda N`, `--hip N`), written once
// over gpu::GpuRuntime:
//   check    the engine's shared buffers (inputs drawn and outputs poisoned
//            by the engine) are copied to one device allocation with the same
//            layout, the plan runs once, and everything is copied back, so
//            the engine judges the same bytes as for a CPU kernel;
//   session  the timing session, kept on the device (gpu_session_device);
//   export   a kept run of the last session, back in the shared buffers;
//   profile  one run under the hardware-counter profiler, nothing timed.
// A module is loaded once and kept (the engine asks for a reload at the start
// of every evaluation, which resets a kernel's __device__ globals); past 64,
// candidates are unloaded, never the protocol kernels or a reference. Each
// request holds the device's DeviceLock, so other kevo processes sharing the
// GPU never overlap our timed runs. The device is opened on first use, so a
// worker on a machine without a driver still answers ping and says why on
// the first request.
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "fitness/gpu/gpu_runtime.hpp"
#include "fitness/gpu/gpu_session_device.hpp"
#include "fitness/session/session_driver.hpp"
#include "fitness/worker/device_lock.hpp"
#include "fitness/worker/kernel_runner.hpp"

namespace kevo::fitness::gpu {

class GpuRunner final : public worker::KernelRunner {
 public:
  using Open = std::function<std::unique_ptr<GpuRuntime>()>;
  explicit GpuRunner(Open open) : open_(std::move(open)) {}
  ~GpuRunner() override;

  worker::RunReply run(const worker::RunRequest& request) override;
  std::string describe_device() override { return runtime().describe_device(); }

 private:
  GpuRuntime& runtime();
  ModuleHandle module(const std::string& path, bool reload, bool pinned = false);
  void evict_unpinned();
  std::vector<DevicePointer> copy_in(const worker::RunRequest& request);
  worker::RunReply check(const worker::RunRequest& request);
  worker::RunReply profile(const worker::RunRequest& request);
  worker::RunReply start_session(const worker::RunRequest& request);
  worker::RunReply export_run(const worker::RunRequest& request);
  void end_session();

  Open open_;
  std::unique_ptr<GpuRuntime> runtime_;
  std::unique_ptr<worker::DeviceLock> lock_;
  std::unique_ptr<DeviceBuffer> region_;  // the shared buffers' device twin, for check and profile
  std::unique_ptr<DeviceBuffer> flush_;
  std::map<std::string, ModuleHandle> modules_;
  std::set<std::string> pinned_;  // protocol kernels and references: never evicted
  // The last session whose runs the engine verifies, kept for its exports.
  std::unique_ptr<GpuSessionDevice> session_;
  std::unique_ptr<session::SessionDriver> driver_;
};

}  // namespace kevo::fitness::gpu
