#pragma once
// Who makes a device; it decides which profiles may match a device name and
// whether the generic CPU profile is an acceptable fallback.
#include <string>
#include <string_view>

namespace kevo::fitness::hardware {

enum class Vendor { nvidia, amd, cpu };

std::string to_string(Vendor vendor);  // "nvidia", "amd", "cpu"
// The inverse of to_string; throws std::invalid_argument listing the known names.
Vendor parse_vendor(std::string_view text);

}  // namespace kevo::fitness::hardware
