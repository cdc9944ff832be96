#pragma once
// The one error type of hardware profiles: a bad profile or measured file, a
// device no profile matches, a precision a profile has no peak for. The
// message is one line that names the file (and line and key) or the device.
#include <stdexcept>
#include <string>

namespace kevo::fitness::hardware {

struct ProfileError : std::runtime_error {
  explicit ProfileError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace kevo::fitness::hardware
