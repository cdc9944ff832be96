#pragma once
// The CPU back end of a timing session (fitness/session/session_device.hpp).
// The worker draws every run's inputs into the shared buffers itself, poisons
// the outputs and rewrites the guards; the kernel host (a separate process,
// fitness/cpu/kernel_host.hpp) flushes the caches and times the run, with
// the inputs mapped read-only; afterwards the worker checks the guards and
// keeps the outputs of the runs that may be verified. The kernel's process
// never holds a seed: it sees each run's inputs only once they are drawn.
//
// CPU sessions have no internal reference: the engine verifies the chosen
// runs after asking for them with export_run().
#include <cstddef>
#include <memory>
#include <vector>

#include "fitness/cpu/kernel_host_process.hpp"
#include "fitness/protocol/buffer_layout.hpp"
#include "fitness/session/session_device.hpp"
#include "fitness/worker/shared_mapping.hpp"
#include "fitness/worker/worker_messages.hpp"

namespace kevo::fitness::cpu {

// Timed runs' outputs kept for verification. The runner keeps it across
// sessions, so its pages are faulted in once per worker, not per session.
class HostStash {
 public:
  // Slot `index` of `bytes` bytes (slots keep their size until it changes).
  unsigned char* slot(std::size_t index, std::size_t bytes);

 private:
  std::vector<std::unique_ptr<unsigned char[]>> slots_;
  std::size_t slot_bytes_ = 0;
};

class CpuSessionDevice final : public session::SessionDevice {
 public:
  // Starts a kernel host for the request's module; throws KernelHostFailure.
  CpuSessionDevice(const worker::RunRequest& request, HostStash& stash);

  int stash_capacity(const session::SessionSpec& spec) override;
  void prepare(int run, std::uint64_t seed) override;
  void launch(int run, bool timed) override;
  void after_run(int run, std::optional<int> stash_slot) override;
  std::vector<double> finish() override;
  protocol::Comparison verify(std::uint64_t seed, int stash_slot) override;
  void export_run(std::uint64_t seed, int stash_slot) override;

  const session::SessionSpec& spec() const { return spec_; }
  // Ends the kernel host: runs are over, exports need only the kept outputs.
  void end_runs() { host_.reset(); }

 private:
  unsigned char* buffer(std::size_t index) const;
  void draw_inputs(std::uint64_t seed);

  worker::RunRequest request_;  // a copy: exports come with requests of their own
  session::SessionSpec spec_;
  worker::SharedMapping shared_;
  protocol::BufferLayout layout_;
  std::unique_ptr<KernelHostProcess> host_;
  std::size_t outputs_bytes_ = 0;
  HostStash& stash_;  // one slot: every output of a run, in spec order
  std::vector<double> samples_;
  int runs_ = 0;  // launched so far
};

}  // namespace kevo::fitness::cpu
