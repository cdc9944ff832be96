#include "fitness/cpu/syscall_filter.hpp"

#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <map>
#include <stdexcept>
#include <vector>

namespace kevo::fitness::cpu {

namespace {

#if defined(__x86_64__)
constexpr std::uint32_t kArchitecture = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
constexpr std::uint32_t kArchitecture = AUDIT_ARCH_AARCH64;
#else
constexpr std::uint32_t kArchitecture = 0;
#endif

// What computing, allocating, timing and writing to open descriptors need,
// in the kernel host and in glibc underneath a kernel.
const std::vector<long>& allowed_calls() {
  static const std::vector<long> calls = {
      SYS_read, SYS_write, SYS_readv, SYS_writev, SYS_pread64, SYS_close, SYS_fstat, SYS_newfstatat,
      SYS_lseek, SYS_munmap, SYS_brk, SYS_madvise, SYS_rt_sigaction,
      SYS_rt_sigprocmask, SYS_rt_sigreturn, SYS_sigaltstack, SYS_exit, SYS_exit_group, SYS_futex,
      SYS_getpid, SYS_gettid, SYS_clock_gettime, SYS_clock_getres, SYS_gettimeofday,
      SYS_nanosleep, SYS_clock_nanosleep, SYS_sched_yield, SYS_getrandom, SYS_getcwd,
  };
  return calls;
}

using Program = std::vector<sock_filter>;

void statement(Program& program, std::uint16_t code, std::uint32_t k) { program.push_back(BPF_STMT(code, k)); }
void jump(Program& program, std::uint16_t code, std::uint32_t k, std::uint8_t on_true, std::uint8_t on_false) {
  program.push_back(BPF_JUMP(code, k, on_true, on_false));
}

constexpr std::uint32_t kNumber = offsetof(seccomp_data, nr);
// The low 32 bits of argument i (both architectures are little-endian).
constexpr std::uint32_t argument(int i) { return offsetof(seccomp_data, args) + 8 * static_cast<std::uint32_t>(i); }

// if (nr == number) return ALLOW;
void allow(Program& program, long number) {
  jump(program, BPF_JMP | BPF_JEQ | BPF_K, static_cast<std::uint32_t>(number), 0, 1);
  statement(program, BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
}

// if (nr == number) { load argument `arg`; return (arg & mask) == 0 ? ALLOW : otherwise; }
void allow_when_clear(Program& program, long number, int arg, std::uint32_t mask, std::uint32_t otherwise) {
  jump(program, BPF_JMP | BPF_JEQ | BPF_K, static_cast<std::uint32_t>(number), 0, 4);
  statement(program, BPF_LD | BPF_W | BPF_ABS, argument(arg));
  jump(program, BPF_JMP | BPF_JSET | BPF_K, mask, 0, 1);
  statement(program, BPF_RET | BPF_K, otherwise);
  statement(program, BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
  statement(program, BPF_LD | BPF_W | BPF_ABS, kNumber);  // restore the number for the next test
}

// if (nr == number) { load argument `arg`; return (arg & mask) == mask ? otherwise : ALLOW; }
void allow_unless_all_set(Program& program, long number, int arg, std::uint32_t mask, std::uint32_t otherwise) {
  jump(program, BPF_JMP | BPF_JEQ | BPF_K, static_cast<std::uint32_t>(number), 0, 5);
  statement(program, BPF_LD | BPF_W | BPF_ABS, argument(arg));
  statement(program, BPF_ALU | BPF_AND | BPF_K, mask);
  jump(program, BPF_JMP | BPF_JEQ | BPF_K, mask, 0, 1);
  statement(program, BPF_RET | BPF_K, otherwise);
  statement(program, BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
  statement(program, BPF_LD | BPF_W | BPF_ABS, kNumber);
}

// if (nr == number) { load argument `arg`; return arg == value ? ALLOW : otherwise; }
void allow_when_equal(Program& program, long number, int arg, std::uint32_t value, std::uint32_t otherwise) {
  jump(program, BPF_JMP | BPF_JEQ | BPF_K, static_cast<std::uint32_t>(number), 0, 4);
  statement(program, BPF_LD | BPF_W | BPF_ABS, argument(arg));
  jump(program, BPF_JMP | BPF_JEQ | BPF_K, value, 0, 1);
  statement(program, BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
  statement(program, BPF_RET | BPF_K, otherwise);
  statement(program, BPF_LD | BPF_W | BPF_ABS, kNumber);
}

Program build(FilterStage stage) {
  Program program;
  statement(program, BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch));
  jump(program, BPF_JMP | BPF_JEQ | BPF_K, kArchitecture, 1, 0);
  statement(program, BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
  statement(program, BPF_LD | BPF_W | BPF_ABS, kNumber);
#if defined(__x86_64__)
  // x32 calls reach the same kernel entry points under other numbers.
  jump(program, BPF_JMP | BPF_JGE | BPF_K, 0x40000000u, 0, 1);
  statement(program, BPF_RET | BPF_K, SECCOMP_RET_TRAP);
#endif
  for (const long call : allowed_calls()) allow(program, call);
  allow_when_equal(program, SYS_ioctl, 1, TCGETS, SECCOMP_RET_ERRNO | ENOTTY);
  // abort() and raise() signal their own process; no other.
  allow_when_equal(program, SYS_tgkill, 0, static_cast<std::uint32_t>(::getpid()), SECCOMP_RET_TRAP);
  if (stage == FilterStage::running) {
    // Once the kernel is loaded nothing new may become executable: code a
    // kernel wrote at run time could patch the host's timing around it.
    allow_when_clear(program, SYS_mmap, 2, PROT_EXEC, SECCOMP_RET_TRAP);
    allow_when_clear(program, SYS_mprotect, 2, PROT_EXEC, SECCOMP_RET_TRAP);
  } else {
    // The loader maps the kernel's code executable from its file, never
    // writable too, and never makes existing memory executable (kernels are
    // position-independent: no text relocations). Neither may a kernel's
    // constructor, which could otherwise patch the host's code.
    allow_unless_all_set(program, SYS_mmap, 2, PROT_WRITE | PROT_EXEC, SECCOMP_RET_TRAP);
    allow_when_clear(program, SYS_mprotect, 2, PROT_EXEC, SECCOMP_RET_TRAP);
  }
  jump(program, BPF_JMP | BPF_JEQ | BPF_K, static_cast<std::uint32_t>(SYS_mremap), 0, 1);
  statement(program, BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOMEM);
  if (stage == FilterStage::loading) {
    // The second stage is installed from inside the first (filters only narrow).
    allow(program, SYS_seccomp);
    // Loading a shared object opens it (and finds its dependencies) read-only.
    const std::uint32_t writes = O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND;
    allow_when_clear(program, SYS_openat, 2, writes, SECCOMP_RET_TRAP);
#ifdef SYS_open
    allow_when_clear(program, SYS_open, 1, writes, SECCOMP_RET_TRAP);
#endif
  }
  statement(program, BPF_RET | BPF_K, SECCOMP_RET_TRAP);
  return program;
}

}  // namespace

void install_syscall_filter(FilterStage stage) {
  if (kArchitecture == 0) {
    throw std::runtime_error("no system-call filter for this architecture: CPU kernels cannot be sandboxed here");
  }
  Program program = build(stage);
  const sock_fprog filter{static_cast<unsigned short>(program.size()), program.data()};
  if (stage == FilterStage::loading && ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    throw std::runtime_error(std::string("prctl(PR_SET_NO_NEW_PRIVS): ") + std::strerror(errno));
  }
  if (::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &filter) != 0) {
    throw std::runtime_error(std::string("the kernel refused the seccomp filter: ") + std::strerror(errno));
  }
}

FilterCount::FilterCount() {
  fd_ = ::open("/proc/self/status", O_RDONLY | O_CLOEXEC);
  struct stat status {};
  if (fd_ < 0 || ::fstat(fd_, &status) != 0) {
    throw std::runtime_error(std::string("open /proc/self/status: ") + std::strerror(errno));
  }
  device_ = status.st_dev;
  inode_ = status.st_ino;
  now();
}

FilterCount::~FilterCount() {
  if (fd_ >= 0) ::close(fd_);
}

int FilterCount::now() const {
  struct stat status {};
  if (::fstat(fd_, &status) != 0 || status.st_dev != device_ || status.st_ino != inode_) {
    throw std::runtime_error("/proc/self/status is no longer the file first opened");
  }
  char text[8192];
  const ssize_t got = ::pread(fd_, text, sizeof text - 1, 0);
  if (got <= 0) throw std::runtime_error(std::string("read /proc/self/status: ") + std::strerror(errno));
  text[got] = '\0';
  const char* line = std::strstr(text, "\nSeccomp_filters:");
  if (line == nullptr) {
    throw std::runtime_error("/proc/self/status has no Seccomp_filters line (Linux 5.9 or later is needed to "
                             "check the CPU kernel sandbox)");
  }
  return std::atoi(line + std::strlen("\nSeccomp_filters:"));
}

std::string syscall_name(long number) {
  static const std::map<long, const char*> names = {
      {SYS_openat, "openat"}, {SYS_socket, "socket"}, {SYS_connect, "connect"}, {SYS_bind, "bind"},
      {SYS_clone, "clone"}, {SYS_execve, "execve"}, {SYS_kill, "kill"}, {SYS_ptrace, "ptrace"},
      {SYS_shmget, "shmget"}, {SYS_shmat, "shmat"}, {SYS_memfd_create, "memfd_create"}, {SYS_mkdirat, "mkdirat"},
      {SYS_unlinkat, "unlinkat"}, {SYS_renameat2, "renameat2"}, {SYS_linkat, "linkat"}, {SYS_symlinkat, "symlinkat"},
      {SYS_ftruncate, "ftruncate"}, {SYS_msgget, "msgget"}, {SYS_semget, "semget"}, {SYS_mq_open, "mq_open"},
      {SYS_process_vm_readv, "process_vm_readv"}, {SYS_process_vm_writev, "process_vm_writev"},
      {SYS_prctl, "prctl"}, {SYS_tgkill, "tgkill"}, {SYS_mmap, "mmap"}, {SYS_mprotect, "mprotect"},
      {SYS_getcwd, "getcwd"}, {SYS_fcntl, "fcntl"}, {SYS_dup, "dup"}, {SYS_dup3, "dup3"},
      {SYS_pipe2, "pipe2"}, {SYS_getdents64, "getdents64"}, {SYS_statx, "statx"}, {SYS_faccessat, "faccessat"},
#ifdef SYS_clone3
      {SYS_clone3, "clone3"},
#endif
#ifdef SYS_open
      {SYS_open, "open"}, {SYS_creat, "creat"}, {SYS_fork, "fork"}, {SYS_vfork, "vfork"}, {SYS_mkdir, "mkdir"},
      {SYS_unlink, "unlink"}, {SYS_rename, "rename"}, {SYS_access, "access"}, {SYS_stat, "stat"},
#endif
  };
  const auto found = names.find(number);
  return found != names.end() ? found->second : "system call " + std::to_string(number);
}

}  // namespace kevo::fitness::cpu
