#include "fitness/worker/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <system_error>

extern char** environ;

namespace kevo::fitness::worker {

namespace {

using Clock = std::chrono::steady_clock;

std::system_error system_error(int code, const std::string& what) {
  return std::system_error(code, std::generic_category(), what);
}

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() <= 0 ? 0 : static_cast<int>(std::min<long long>(left.count(), 1 << 30));
}

Clock::time_point deadline_after(double seconds) {
  return Clock::now() + std::chrono::duration_cast<Clock::duration>(
                            std::chrono::duration<double>(seconds));
}

// Reads `fd` until EOF or the deadline; true when EOF was reached.
bool drain_until(int fd, Clock::time_point deadline, std::size_t limit, std::string& output,
                 bool& truncated) {
  char chunk[65536];
  for (;;) {
    pollfd watch{fd, POLLIN, 0};
    const int ready = ::poll(&watch, 1, remaining_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    const ssize_t got = ::read(fd, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return true;
    const std::size_t room = limit > output.size() ? limit - output.size() : 0;
    output.append(chunk, std::min(room, static_cast<std::size_t>(got)));
    truncated = truncated || static_cast<std::size_t>(got) > room;
  }
}

std::string variable_name(const std::string& entry) { return entry.substr(0, entry.find('=')); }

// The engine's environment with `overrides` replacing or adding variables.
std::vector<std::string> merged_environment(const std::vector<std::string>& overrides) {
  std::vector<std::string> merged;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string text = *entry;
    bool overridden = false;
    for (const std::string& o : overrides) overridden = overridden || variable_name(o) == variable_name(text);
    if (!overridden) merged.push_back(text);
  }
  merged.insert(merged.end(), overrides.begin(), overrides.end());
  return merged;
}

int reap(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

}  // namespace

bool ProcessResult::exited_ok() const {
  return !timed_out && WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0;
}

std::string describe_wait_status(int wait_status) {
  if (WIFEXITED(wait_status)) return "exited with code " + std::to_string(WEXITSTATUS(wait_status));
  if (WIFSIGNALED(wait_status)) {
    const int signal_number = WTERMSIG(wait_status);
    const char* name = ::strsignal(signal_number);
    return "killed by signal " + std::to_string(signal_number) + " (" +
           (name != nullptr ? name : "unknown") + ")";
  }
  return "ended with wait status " + std::to_string(wait_status);
}

SpawnSetup::SpawnSetup() {
  ::posix_spawn_file_actions_init(&actions_);
  ::posix_spawnattr_init(&attributes_);
  // Own process group (pgid = pid): kill(-pid) reaches every descendant.
  ::posix_spawnattr_setpgroup(&attributes_, 0);
  // Children start with default signal handling and an empty mask, whatever
  // the engine has set up for itself.
  sigset_t all;
  sigset_t none;
  ::sigfillset(&all);
  ::sigemptyset(&none);
  ::posix_spawnattr_setsigdefault(&attributes_, &all);
  ::posix_spawnattr_setsigmask(&attributes_, &none);
  ::posix_spawnattr_setflags(&attributes_, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF |
                                               POSIX_SPAWN_SETSIGMASK);
}

SpawnSetup::~SpawnSetup() {
  ::posix_spawn_file_actions_destroy(&actions_);
  ::posix_spawnattr_destroy(&attributes_);
}

void SpawnSetup::redirect(int from_fd, int to_fd) {
  ::posix_spawn_file_actions_adddup2(&actions_, from_fd, to_fd);
}

void SpawnSetup::open_dev_null(int to_fd) {
  ::posix_spawn_file_actions_addopen(&actions_, to_fd, "/dev/null", O_RDONLY, 0);
}

pid_t SpawnSetup::spawn(const std::vector<std::string>& argv, bool search_path,
                        const std::vector<std::string>& environment) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
  // The engine may hold descriptors (archive, sockets) without O_CLOEXEC.
  ::posix_spawn_file_actions_addclosefrom_np(&actions_, 3);
#endif
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> merged = merged_environment(environment);
  std::vector<char*> env;
  for (std::string& entry : merged) env.push_back(entry.data());
  env.push_back(nullptr);
  pid_t pid = 0;
  const int error =
      search_path ? ::posix_spawnp(&pid, args[0], &actions_, &attributes_, args.data(), env.data())
                  : ::posix_spawn(&pid, args[0], &actions_, &attributes_, args.data(), env.data());
  if (error != 0) throw system_error(error, "cannot start " + argv.front());
  return pid;
}

int reap_within(pid_t pid, double seconds) {
  const auto deadline = deadline_after(seconds);
  for (;;) {
    int status = 0;
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return status;
    if (done < 0 && errno != EINTR) return status;
    if (Clock::now() >= deadline) return kill_and_reap(pid);
    ::usleep(1000);
  }
}

int kill_and_reap(pid_t pid) {
  ::kill(-pid, SIGKILL);
  ::kill(pid, SIGKILL);  // in case it left its group
  return reap(pid);
}

ProcessResult run_process(const std::vector<std::string>& argv, double timeout_seconds,
                          const std::vector<std::string>& environment,
                          std::size_t max_output_bytes) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw system_error(errno, "pipe for " + argv.front());
  const auto start = Clock::now();
  pid_t pid = 0;
  try {
    SpawnSetup setup;
    setup.open_dev_null(0);
    setup.redirect(pipe_fds[1], 1);
    setup.redirect(pipe_fds[1], 2);
    pid = setup.spawn(argv, true, environment);
  } catch (...) {
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    throw;
  }
  ::close(pipe_fds[1]);
  ProcessResult result;
  bool truncated = false;
  const bool finished = drain_until(pipe_fds[0], deadline_after(timeout_seconds),
                                    max_output_bytes, result.output, truncated);
  ::close(pipe_fds[0]);
  result.timed_out = !finished;
  result.wait_status = finished ? reap(pid) : kill_and_reap(pid);
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (truncated) result.output += "\n[kevo: output truncated]\n";
  return result;
}

}  // namespace kevo::fitness::worker
