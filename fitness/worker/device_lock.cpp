#include "fitness/worker/device_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

namespace kevo::fitness::worker {

namespace {

std::string file_name_for(const std::string& device_key) {
  std::string name = "kevo-device-";
  for (char c : device_key) name += (std::isalnum(static_cast<unsigned char>(c)) != 0) ? c : '_';
  return name + ".lock";
}

}  // namespace

std::filesystem::path device_lock_path(const std::string& device_key, const std::filesystem::path& directory) {
  return directory / file_name_for(device_key);
}

DeviceLock::DeviceLock(const std::filesystem::path& directory, const std::string& device_key)
    : path_(device_lock_path(device_key, directory)) {
  // 0666: processes of other users on a shared node must be able to take it too.
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd_ < 0) {
    throw std::runtime_error("cannot open the device lock " + path_.string() + ": " + std::strerror(errno));
  }
}

DeviceLock::~DeviceLock() {
  if (fd_ >= 0) ::close(fd_);
}

DeviceLock::Hold::Hold(int fd) : fd_(fd) {
  const auto start = std::chrono::steady_clock::now();
  while (::flock(fd_, LOCK_EX) != 0) {
    if (errno != EINTR) throw std::runtime_error(std::string("cannot lock the device: ") + std::strerror(errno));
  }
  waited_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

DeviceLock::Hold::~Hold() { ::flock(fd_, LOCK_UN); }

}  // namespace kevo::fitness::worker
