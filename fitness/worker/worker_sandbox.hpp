#pragma once
// The kevo-worker process's own setup, done once at start-up:
// - no core dumps (a crashing kernel is expected, not a debugging event),
// - an address-space limit, so a runaway allocation fails inside the worker
//   instead of pushing the machine into swap or the OOM killer (CPU workers
//   only: a GPU driver reserves far more address space than it ever uses),
// - SIGPIPE ignored (a vanished engine shows up as a write error),
// - the protocol moves off fds 0/1 to private descriptors; fd 0 becomes
//   /dev/null and fd 1 a copy of stderr, so a kernel that prints or reads
//   stdin cannot corrupt or steal protocol messages.
namespace kevo::fitness::worker {

struct WorkerChannel {
  int in_fd = -1;
  int out_fd = -1;
};

void harden_worker_process(bool limit_address_space);
WorkerChannel claim_protocol_channel();

}  // namespace kevo::fitness::worker
