#pragma once
// A timing session kept on the GPU (fitness/session/session_device.hpp):
// every run's inputs are drawn on the device by the evaluator's own kernels
// and checksummed there, outputs are poisoned and guard bytes rewritten on
// the device, the L2 is flushed with a memset, and the plan is timed with
// events; after each run the inputs' checksums and the guards are checked
// and the outputs of runs that may be verified are copied aside, all queued
// on one stream without waiting. Verification draws a run's inputs again,
// runs the task's GPU reference on them and compares on the device in
// double; only counters and the first failing element cross to the host.
// Nothing is added between the events that bracket a timed run.
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "fitness/gpu/device_protocol.hpp"
#include "fitness/gpu/gpu_runtime.hpp"
#include "fitness/protocol/buffer_layout.hpp"
#include "fitness/session/session_device.hpp"

namespace kevo::fitness::gpu {

struct SessionModules {
  ModuleHandle candidate = nullptr;
  ModuleHandle protocol = nullptr;
  ModuleHandle reference = nullptr;  // null: the engine verifies (exports)
};

class GpuSessionDevice final : public session::SessionDevice {
 public:
  GpuSessionDevice(GpuRuntime& runtime, const worker::RunRequest& request, const SessionModules& modules);

  const session::SessionSpec& spec() const { return spec_; }
  population::KernelResources resources() const;

  int stash_capacity(const session::SessionSpec& spec) override;
  void prepare(int run, std::uint64_t seed) override;
  void launch(int run, bool timed) override;
  void after_run(int run, std::optional<int> stash_slot) override;
  std::vector<double> finish() override;
  protocol::Comparison verify(std::uint64_t seed, int stash_slot) override;
  void export_run(std::uint64_t seed, int stash_slot) override;

 private:
  DevicePointer address(std::size_t buffer) const { return buffer_addresses_.at(buffer); }
  DevicePointer check_word(int run, std::size_t index) const;
  DevicePointer kept_output(int slot, std::size_t output) const;
  void draw_inputs(std::uint64_t seed);
  void run_plan();
  void check_runs_up_to(int end);
  std::string changed_input(int run, std::size_t input);
  protocol::Comparison compare_output(const session::OutputCheck& output, DevicePointer kept, DevicePointer result);

  GpuRuntime& runtime_;
  worker::RunRequest request_;
  session::SessionSpec spec_;
  protocol::BufferLayout layout_;
  DeviceProtocol protocol_;
  DeviceBuffer region_;
  std::vector<DevicePointer> buffer_addresses_;
  std::vector<std::unique_ptr<KernelLaunch>> candidate_;
  std::unique_ptr<PlanReplay> replay_;
  std::vector<std::unique_ptr<KernelLaunch>> reference_;
  std::size_t outputs_bytes_ = 0;          // one stash slot: every output, each 256-byte aligned
  std::vector<std::size_t> kept_offsets_;  // where each output starts in a slot
  DeviceBuffer stash_;
  DeviceBuffer flush_;
  DeviceBuffer gaps_;
  int gap_count_ = 0;
  DeviceBuffer checks_;  // per run: each input's drawn and after-run checksums, then the first damaged guard
  DeviceBuffer comparisons_;
  DeviceBuffer scratch_copy_;  // an input drawn again, to say which element a kernel wrote
  std::unique_ptr<TimingEvents> events_;
  std::vector<std::uint64_t> run_seeds_;  // by run, to draw a written input again
  int timed_ = 0;                          // timed runs so far
  int checked_ = 0;                        // runs whose checks were read
  int runs_ = 0;                           // runs launched
};

}  // namespace kevo::fitness::gpu
