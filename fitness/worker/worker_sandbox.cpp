#include "fitness/worker/worker_sandbox.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace kevo::fitness::worker {

namespace {

// Generous: twice the physical memory, at least 16 GiB. Buffers are sized by
// the task, so a legitimate kernel stays far below; only runaways hit it.
rlim_t address_space_limit() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGESIZE);
  const auto physical = pages > 0 && page_size > 0
                            ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size)
                            : 0;
  return static_cast<rlim_t>(std::max<std::uint64_t>(2 * physical, std::uint64_t{16} << 30));
}

void lower_limit(int resource, rlim_t wanted) {
  rlimit limit{};
  if (::getrlimit(resource, &limit) != 0) return;
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur <= wanted) return;
  limit.rlim_cur = wanted;
  if (::setrlimit(resource, &limit) != 0) std::perror("kevo-worker: setrlimit");
}

int private_copy(int fd) {
  const int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
  if (copy < 0) std::perror("kevo-worker: dup");
  return copy;
}

}  // namespace

void harden_worker_process(bool limit_address_space) {
  lower_limit(RLIMIT_CORE, 0);
  if (limit_address_space) lower_limit(RLIMIT_AS, address_space_limit());
  ::signal(SIGPIPE, SIG_IGN);
}

WorkerChannel claim_protocol_channel() {
  WorkerChannel channel{private_copy(0), private_copy(1)};
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null_fd >= 0) {
    ::dup2(null_fd, 0);
    ::close(null_fd);
  }
  ::dup2(2, 1);
  return channel;
}

}  // namespace kevo::fitness::worker
