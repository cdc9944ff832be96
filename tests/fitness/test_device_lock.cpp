// DeviceLock: processes sharing a GPU take turns for whole run requests, and
// a holder that dies releases the device.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "catch_compat.hpp"
#include "fitness/worker/device_lock.hpp"

using kevo::fitness::worker::DeviceLock;

namespace {

std::filesystem::path fresh_directory() {
  char pattern[] = "/tmp/kevo-lock-test-XXXXXX";
  REQUIRE(::mkdtemp(pattern) != nullptr);
  return pattern;
}

}  // namespace

TEST_CASE("a second holder of one device waits until the first lets go", "[worker]") {
  const auto directory = fresh_directory();
  DeviceLock first(directory, "cuda-0000:1b:00");
  DeviceLock second(directory, "cuda-0000:1b:00");  // another open file: as another process would
  DeviceLock other_gpu(directory, "cuda-0000:2c:00");
  std::atomic<bool> holding{false};
  std::atomic<bool> released{false};
  std::thread holder([&] {
    const auto held = first.hold();
    holding = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    released = true;  // set before `held` ends
  });
  while (!holding) std::this_thread::yield();
  {
    const auto elsewhere = other_gpu.hold();  // another device is not blocked
    CHECK(elsewhere.waited_seconds() < 0.1);
  }
  const auto turn = second.hold();
  CHECK(released.load());  // never granted while the first still held it
  CHECK(turn.waited_seconds() >= 0.2);
  holder.join();
  std::filesystem::remove_all(directory);
}

TEST_CASE("a holder that dies releases the device", "[worker]") {
  const auto directory = fresh_directory();
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    DeviceLock lock(directory, "cuda-0000:1b:00");
    const auto held = lock.hold();
    std::_Exit(0);  // no unlock, no destructor: as a crashed worker
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  DeviceLock lock(directory, "cuda-0000:1b:00");
  const auto held = lock.hold();
  CHECK(held.waited_seconds() < 0.5);
  std::filesystem::remove_all(directory);
}
