#pragma once
// The two ways a GPU request fails, whichever vendor's runtime ran it.
#include <stdexcept>
#include <string>

namespace kevo::fitness::gpu {

// A failed runtime call. Sticky errors (an illegal address, a trap) leave the
// context unusable: the worker answers and exits, and the engine starts a
// fresh one for the next variant.
struct GpuError : std::runtime_error {
  GpuError(const std::string& message, bool sticky) : std::runtime_error(message), sticky(sticky) {}
  bool sticky;
};

// A launch the variant asked for that its kernel or the device cannot take
// (too many threads, too much shared memory, a parameter that does not
// match): the variant's fault, status `rejected`.
struct LaunchRejected : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace kevo::fitness::gpu
