#pragma once
// The CPU back end inside kevo-worker. The worker itself never runs
// candidate code: every request's kernel runs in a kernel host of its own
// (fitness/cpu/kernel_host.hpp), a fresh, sandboxed process. Check requests
// run once on the engine's bytes (kevo's own trusted references run in the
// worker itself: fitness/cpu/trusted_runner.hpp); session requests are timing sessions whose
// inputs the worker draws before every run (fitness/cpu/cpu_session_device);
// export requests hand the engine a verified run of the last session.
#include <memory>
#include <string>

#include "fitness/cpu/cpu_session_device.hpp"
#include "fitness/cpu/trusted_runner.hpp"
#include "fitness/session/session_driver.hpp"
#include "fitness/worker/kernel_runner.hpp"

namespace kevo::fitness::cpu {

class CpuRunner final : public worker::KernelRunner {
 public:
  worker::RunReply run(const worker::RunRequest& request) override;
  std::string describe_device() override;

 private:
  worker::RunReply check(const worker::RunRequest& request);
  worker::RunReply start_session(const worker::RunRequest& request);
  worker::RunReply export_run(const worker::RunRequest& request);

  TrustedRunner trusted_;
  HostStash stash_;
  // The last session, kept for its exports until the next session.
  std::unique_ptr<CpuSessionDevice> session_;
  std::unique_ptr<session::SessionDriver> driver_;
};

}  // namespace kevo::fitness::cpu
