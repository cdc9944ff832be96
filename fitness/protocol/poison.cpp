#include "fitness/protocol/poison.hpp"

#include <cstring>
#include <stdexcept>

namespace kevo::fitness::protocol {

namespace {
constexpr std::uint32_t kPoison32 = 0x7FEADBADu;              // quiet NaN, own payload
constexpr std::uint64_t kPoison64 = 0x7FFEADBADBADBAD5ull;    // quiet NaN, own payload
constexpr std::uint32_t kPoisonI32 = 0xA5A5A5A5u;
constexpr std::uint64_t kPoisonI64 = 0xA5A5A5A5A5A5A5A5ull;
constexpr std::uint16_t kPoisonBf16 = 0x7FDBu;                // quiet NaN, own payload

template <typename Word>
void fill_words(void* data, std::int64_t count, Word pattern) {
  auto* bytes = static_cast<unsigned char*>(data);
  for (std::int64_t i = 0; i < count; ++i) {
    std::memcpy(bytes + i * sizeof(Word), &pattern, sizeof(Word));
  }
}

template <typename Word>
bool word_equals(const void* data, std::int64_t index, Word pattern) {
  Word word;
  std::memcpy(&word, static_cast<const unsigned char*>(data) + index * sizeof(Word), sizeof(Word));
  return word == pattern;
}
}  // namespace

void poison(DType dtype, void* data, std::int64_t count) {
  switch (dtype) {
    case DType::f32: return fill_words(data, count, kPoison32);
    case DType::f64: return fill_words(data, count, kPoison64);
    case DType::i32: return fill_words(data, count, kPoisonI32);
    case DType::i64: return fill_words(data, count, kPoisonI64);
    case DType::bf16: return fill_words(data, count, kPoisonBf16);
  }
  throw std::logic_error("unknown dtype");
}

bool is_poison(DType dtype, const void* data, std::int64_t index) {
  switch (dtype) {
    case DType::f32: return word_equals(data, index, kPoison32);
    case DType::f64: return word_equals(data, index, kPoison64);
    case DType::i32: return word_equals(data, index, kPoisonI32);
    case DType::i64: return word_equals(data, index, kPoisonI64);
    case DType::bf16: return word_equals(data, index, kPoisonBf16);
  }
  throw std::logic_error("unknown dtype");
}

}  // namespace kevo::fitness::protocol
