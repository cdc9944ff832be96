#pragma once
// The kernel host's seccomp filter: a candidate CPU kernel may compute,
// allocate memory, read the clock and write to the descriptors it was left
// with, and nothing else. It cannot open, create or delete files, create
// shared memory (POSIX, System V or memfd), start processes or threads,
// open sockets, signal or trace other processes, or remap shared memory;
// so nothing it does can outlive its evaluation or reach another variant's,
// and no input buffer can be mapped writable again. No memory may be both
// writable and executable, and once the kernel is loaded nothing may become
// executable: code written at run time could patch the host around it.
//
// Two stages. The first allows opening files read-only and is installed
// before the kernel's shared object is loaded, so its static constructors
// already run inside the sandbox; the second, installed once it is loaded,
// allows no opening at all. Filters only ever narrow.
//
// A forbidden call raises SIGSYS; the kernel host's handler reports the
// system call's number to its parent and exits. ioctl is refused quietly
// (ENOTTY) except the terminal query isatty() makes, and mremap quietly
// (ENOMEM), which glibc's realloc falls back from.
#include <sys/types.h>

#include <string>

namespace kevo::fitness::cpu {

enum class FilterStage { loading, running };

// Throws std::runtime_error when the kernel refuses the filter or the
// architecture is not one the filter knows (x86-64, AArch64).
void install_syscall_filter(FilterStage stage);

// The number of seccomp filters on this process, from /proc/self/status.
// The first stage allows seccomp() so that the second can be installed, and
// a kernel's static constructors run in between: one could install a filter
// of its own that answers the second stage's seccomp() with a fake success.
// The count gives that away (it must not change while the kernel loads, and
// must grow by one with the second stage). The file is opened before the
// kernel is loaded and checked to be the same file each time, since a
// constructor could close the descriptor and open another in its place.
class FilterCount {
 public:
  FilterCount();  // throws when /proc/self/status has no count (Linux < 5.9)
  ~FilterCount();
  FilterCount(const FilterCount&) = delete;
  FilterCount& operator=(const FilterCount&) = delete;

  int now() const;  // throws std::runtime_error when the file cannot be read or was replaced

 private:
  int fd_ = -1;
  dev_t device_ = 0;
  ino_t inode_ = 0;
};

// "openat", "clone3", ... for the calls kernels are most likely to try;
// "system call N" otherwise.
std::string syscall_name(long number);

}  // namespace kevo::fitness::cpu
