#pragma once
// The arithmetic a kernel's FLOPs are counted in, which selects the compute
// roof: plain FP64/FP32 pipelines, or tensor (matrix) cores per input type.
#include <array>
#include <string>
#include <string_view>

namespace kevo::fitness::hardware {

enum class Precision { fp64, fp32, tf32_tensor, bf16_tensor, fp16_tensor, fp8_tensor };

inline constexpr std::array<Precision, 6> kAllPrecisions = {
    Precision::fp64,        Precision::fp32,        Precision::tf32_tensor,
    Precision::bf16_tensor, Precision::fp16_tensor, Precision::fp8_tensor};

// "fp64", "fp32", "tf32_tensor", ... (the spelling used in profile files).
std::string to_string(Precision precision);
// The inverse of to_string; throws std::invalid_argument listing the known names.
Precision parse_precision(std::string_view text);
// "fp64, fp32, tf32_tensor, bf16_tensor, fp16_tensor, fp8_tensor", for messages.
std::string known_precisions();

}  // namespace kevo::fitness::hardware
