#pragma once
// bf16 on the host: tensors of dtype bf16 are raw 16-bit patterns (the top
// half of an IEEE float), drawn and compared here and read by CPU references
// as uint16_t. Rounding is to nearest even, as the GPU's conversions do.
#include <cstdint>
#include <cstring>

namespace kevo::fitness::protocol {

inline std::uint16_t to_bfloat16(float value) {
  std::uint32_t bits;
  std::memcpy(&bits, &value, 4);
  if ((bits & 0x7F800000u) == 0x7F800000u && (bits & 0x007FFFFFu) != 0) {
    return static_cast<std::uint16_t>((bits >> 16) | 0x0040u);  // keep NaN a NaN
  }
  bits += 0x7FFFu + ((bits >> 16) & 1u);
  return static_cast<std::uint16_t>(bits >> 16);
}

inline float from_bfloat16(std::uint16_t half) {
  const std::uint32_t bits = static_cast<std::uint32_t>(half) << 16;
  float value;
  std::memcpy(&value, &bits, 4);
  return value;
}

}  // namespace kevo::fitness::protocol
