#include "fitness/protocol/changed_input.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>

#include "fitness/protocol/bfloat16.hpp"

namespace kevo::fitness::protocol {

namespace {

std::string element_text(DType dtype, const unsigned char* data, std::int64_t index) {
  char text[48];
  const auto* at = data + static_cast<std::size_t>(index) * dtype_size(dtype);
  switch (dtype) {
    case DType::f32: { float v; std::memcpy(&v, at, 4); std::snprintf(text, sizeof text, "%.9g", v); break; }
    case DType::f64: { double v; std::memcpy(&v, at, 8); std::snprintf(text, sizeof text, "%.17g", v); break; }
    case DType::i32: { std::int32_t v; std::memcpy(&v, at, 4); std::snprintf(text, sizeof text, "%d", v); break; }
    case DType::i64: { std::int64_t v; std::memcpy(&v, at, 8); std::snprintf(text, sizeof text, "%lld", static_cast<long long>(v)); break; }
    case DType::bf16: { std::uint16_t v; std::memcpy(&v, at, 2); std::snprintf(text, sizeof text, "%.4g", from_bfloat16(v)); break; }
  }
  return text;
}

// The first element where `now` differs from `was`, by bytes.
std::int64_t first_difference(const unsigned char* now, const unsigned char* was, std::size_t bytes,
                              std::size_t element_bytes) {
  for (std::size_t i = 0; i < bytes; ++i) {
    if (now[i] != was[i]) return static_cast<std::int64_t>(i / element_bytes);
  }
  return -1;
}

}  // namespace

std::string describe_changed_input(const std::string& name, DType dtype, const unsigned char* was,
                                   const unsigned char* now, std::size_t bytes) {
  const std::int64_t at = first_difference(now, was, bytes, dtype_size(dtype));
  std::string message = "kernel wrote its input " + name;
  if (at >= 0) {
    message += " (" + name + "[" + std::to_string(at) + "] was " + element_text(dtype, was, at) + ", now " +
               element_text(dtype, now, at) + ")";
  }
  return message;
}

}  // namespace kevo::fitness::protocol
