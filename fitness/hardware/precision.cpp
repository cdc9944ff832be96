#include "fitness/hardware/precision.hpp"

#include <stdexcept>

namespace kevo::fitness::hardware {

std::string to_string(Precision precision) {
  switch (precision) {
    case Precision::fp64: return "fp64";
    case Precision::fp32: return "fp32";
    case Precision::tf32_tensor: return "tf32_tensor";
    case Precision::bf16_tensor: return "bf16_tensor";
    case Precision::fp16_tensor: return "fp16_tensor";
    case Precision::fp8_tensor: return "fp8_tensor";
  }
  throw std::invalid_argument("unknown Precision value " + std::to_string(static_cast<int>(precision)));
}

Precision parse_precision(std::string_view text) {
  for (Precision precision : kAllPrecisions) {
    if (to_string(precision) == text) return precision;
  }
  throw std::invalid_argument("unknown precision '" + std::string(text) + "' (known: " + known_precisions() + ")");
}

std::string known_precisions() {
  std::string names;
  for (Precision precision : kAllPrecisions) names += (names.empty() ? "" : ", ") + to_string(precision);
  return names;
}

}  // namespace kevo::fitness::hardware
