#pragma once
// The CPU worker's side of one kernel host (fitness/cpu/kernel_host.hpp): it
// starts `kevo-worker --kernel-host` for one request, sends it the request,
// asks it for runs, and turns however it ends into a KernelHostFailure that
// says what the kernel did: crashed (with the signal, and which buffer a
// fault hit), wrote an input, made a forbidden system call, threw.
#include <sys/types.h>

#include <optional>
#include <stdexcept>
#include <string>

#include "fitness/worker/worker_messages.hpp"

namespace kevo::fitness::cpu {

struct KernelHostFailure : std::runtime_error {
  KernelHostFailure(std::string status, const std::string& message)
      : std::runtime_error(message), status(std::move(status)) {}
  std::string status;  // "rejected" (a written input, a forbidden call) or "crash"
};

class KernelHostProcess {
 public:
  // Starts the host and loads the request's module in it; throws
  // KernelHostFailure when the module cannot be loaded or run.
  explicit KernelHostProcess(const worker::RunRequest& request);
  ~KernelHostProcess();
  KernelHostProcess(const KernelHostProcess&) = delete;
  KernelHostProcess& operator=(const KernelHostProcess&) = delete;

  // One run of every entry, the caches flushed first when flush_bytes > 0;
  // its seconds. Throws KernelHostFailure; the host is gone afterwards.
  double run(std::size_t flush_bytes);
  // After the last run: checks that no reply is left behind (a kernel that
  // wrote one of its own); throws KernelHostFailure.
  void finish();

 private:
  std::string read_reply();
  std::string expect_reply(const std::string& expected);
  std::string next_tag();
  [[noreturn]] void fail(const std::string& context);
  std::string describe_fault(int signal_number, long long offset) const;

  const worker::RunRequest& request_;
  pid_t pid_ = -1;
  int socket_ = -1;
  std::string pending_;
};

}  // namespace kevo::fitness::cpu
