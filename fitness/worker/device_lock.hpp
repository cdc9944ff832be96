#pragma once
// DeviceLock: one process at a time runs kernels on a device. Several kevo
// processes may share a GPU (two campaigns of an experiment, MPI ranks on one
// host); each worker holds this lock for a whole run request (copies, checked
// runs, warm-up and timed samples), so no timed sample ever overlaps another
// process's kernels or copies. Host work (inputs, references, compiles) still
// overlaps freely. The lock is flock(2) on a file named after the device: the
// kernel drops it when a holder dies, so a crashed worker never wedges others.
#include <filesystem>
#include <string>

namespace kevo::fitness::worker {

// Where every kevo process on a host finds a device's lock: per host, like
// the GPUs themselves; fixed rather than $TMPDIR so that every process on
// the node finds the same file.
inline constexpr const char* kDeviceLockDirectory = "/tmp";

// The lock file of `device_key` ("cuda-0000:1b:00"); processes that are not
// kevo workers (the PyTorch reference) flock the same file.
std::filesystem::path device_lock_path(const std::string& device_key,
                                       const std::filesystem::path& directory = kDeviceLockDirectory);

class DeviceLock {
 public:
  // `device_key` names the device for every process on the host (a PCI
  // address, not an ordinal that CUDA_VISIBLE_DEVICES renumbers).
  DeviceLock(const std::filesystem::path& directory, const std::string& device_key);
  ~DeviceLock();
  DeviceLock(const DeviceLock&) = delete;
  DeviceLock& operator=(const DeviceLock&) = delete;

  // Blocks until this process holds the device; released when the Hold ends.
  class Hold {
   public:
    explicit Hold(int fd);
    ~Hold();
    Hold(const Hold&) = delete;
    Hold& operator=(const Hold&) = delete;
    double waited_seconds() const { return waited_seconds_; }

   private:
    int fd_;
    double waited_seconds_ = 0;
  };
  Hold hold() const { return Hold(fd_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace kevo::fitness::worker
