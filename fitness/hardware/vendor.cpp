#include "fitness/hardware/vendor.hpp"

#include <stdexcept>

namespace kevo::fitness::hardware {

std::string to_string(Vendor vendor) {
  switch (vendor) {
    case Vendor::nvidia: return "nvidia";
    case Vendor::amd: return "amd";
    case Vendor::cpu: return "cpu";
  }
  throw std::invalid_argument("unknown Vendor value " + std::to_string(static_cast<int>(vendor)));
}

Vendor parse_vendor(std::string_view text) {
  for (Vendor vendor : {Vendor::nvidia, Vendor::amd, Vendor::cpu}) {
    if (to_string(vendor) == text) return vendor;
  }
  throw std::invalid_argument("unknown vendor '" + std::string(text) + "' (known: nvidia, amd, cpu)");
}

}  // namespace kevo::fitness::hardware
