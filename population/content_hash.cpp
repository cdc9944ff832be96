// SHA-256 following FIPS 180-4 (sections 4.1.2, 4.2.2, 5.1.1, 5.3.3, 6.2).
#include "population/content_hash.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace kevo::population {
namespace {

constexpr std::size_t kBlockBytes = 64;
constexpr std::size_t kLengthFieldBytes = 8;

// Section 4.2.2: first 32 bits of the fractional parts of the cube roots of
// the first 64 primes.
constexpr std::array<std::uint32_t, 64> kRoundConstants{
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// Section 5.3.3: first 32 bits of the fractional parts of the square roots of
// the first 8 primes.
constexpr std::array<std::uint32_t, 8> kInitialState{
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

// Section 4.1.2 functions.
constexpr std::uint32_t choose(std::uint32_t x, std::uint32_t y, std::uint32_t z) {
  return (x & y) ^ (~x & z);
}
constexpr std::uint32_t majority(std::uint32_t x, std::uint32_t y, std::uint32_t z) {
  return (x & y) ^ (x & z) ^ (y & z);
}
constexpr std::uint32_t big_sigma0(std::uint32_t x) {
  return std::rotr(x, 2) ^ std::rotr(x, 13) ^ std::rotr(x, 22);
}
constexpr std::uint32_t big_sigma1(std::uint32_t x) {
  return std::rotr(x, 6) ^ std::rotr(x, 11) ^ std::rotr(x, 25);
}
constexpr std::uint32_t small_sigma0(std::uint32_t x) {
  return std::rotr(x, 7) ^ std::rotr(x, 18) ^ (x >> 3);
}
constexpr std::uint32_t small_sigma1(std::uint32_t x) {
  return std::rotr(x, 17) ^ std::rotr(x, 19) ^ (x >> 10);
}

// SHA-256 words are big-endian regardless of the host's byte order.
std::uint32_t load_big_endian32(const std::uint8_t* bytes) {
  return (std::uint32_t{bytes[0]} << 24) | (std::uint32_t{bytes[1]} << 16) |
         (std::uint32_t{bytes[2]} << 8) | std::uint32_t{bytes[3]};
}

void store_big_endian32(std::uint32_t value, std::uint8_t* bytes) {
  for (int i = 3; i >= 0; --i) {
    bytes[i] = static_cast<std::uint8_t>(value);
    value >>= 8;
  }
}

std::array<std::uint8_t, kLengthFieldBytes> big_endian64(std::uint64_t value) {
  std::array<std::uint8_t, kLengthFieldBytes> bytes{};
  for (int i = kLengthFieldBytes - 1; i >= 0; --i) {
    bytes[i] = static_cast<std::uint8_t>(value);
    value >>= 8;
  }
  return bytes;
}

std::string_view as_chars(const std::uint8_t* bytes, std::size_t count) {
  return {reinterpret_cast<const char*>(bytes), count};
}

}  // namespace

Sha256::Sha256() : state_(kInitialState) {}

Sha256& Sha256::update(std::string_view bytes) {
  const auto* input = reinterpret_cast<const std::uint8_t*>(bytes.data());
  std::size_t remaining = bytes.size();
  std::size_t buffered = length_ % kBlockBytes;
  length_ += remaining;

  if (buffered > 0) {
    const std::size_t take = std::min(remaining, kBlockBytes - buffered);
    std::memcpy(buffer_.data() + buffered, input, take);
    input += take;
    remaining -= take;
    buffered += take;
    if (buffered < kBlockBytes) return *this;
    compress(buffer_.data());
  }
  // Whole blocks straight from the input: no copy for large updates.
  for (; remaining >= kBlockBytes; remaining -= kBlockBytes, input += kBlockBytes) {
    compress(input);
  }
  if (remaining > 0) std::memcpy(buffer_.data(), input, remaining);
  return *this;
}

Sha256& Sha256::field(std::string_view bytes) {
  const auto length = big_endian64(bytes.size());
  update(as_chars(length.data(), length.size()));
  return update(bytes);
}

// Pads a copy (section 5.1.1), so the running hash can still be extended and
// digest() called again with the same result.
std::array<std::uint8_t, 32> Sha256::digest() {
  Sha256 final_block = *this;
  const std::uint64_t message_bits = length_ * 8;
  const std::size_t buffered = length_ % kBlockBytes;
  const std::size_t used_after_marker = buffered + 1;
  const std::size_t zero_count =
      (kBlockBytes * 2 - kLengthFieldBytes - used_after_marker) % kBlockBytes;

  std::array<std::uint8_t, kBlockBytes> padding{};
  padding[0] = 0x80;
  final_block.update(as_chars(padding.data(), 1 + zero_count));
  const auto length_field = big_endian64(message_bits);
  final_block.update(as_chars(length_field.data(), length_field.size()));

  std::array<std::uint8_t, 32> result{};
  for (std::size_t i = 0; i < final_block.state_.size(); ++i) {
    store_big_endian32(final_block.state_[i], result.data() + 4 * i);
  }
  return result;
}

std::string Sha256::hex_digest() {
  static constexpr char kHexDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(64);
  for (const std::uint8_t byte : digest()) {
    hex.push_back(kHexDigits[byte >> 4]);
    hex.push_back(kHexDigits[byte & 0x0f]);
  }
  return hex;
}

// Section 6.2.2: one 512-bit block.
void Sha256::compress(const std::uint8_t* block) {
  std::array<std::uint32_t, 64> schedule{};
  for (std::size_t t = 0; t < 16; ++t) schedule[t] = load_big_endian32(block + 4 * t);
  for (std::size_t t = 16; t < 64; ++t) {
    schedule[t] = small_sigma1(schedule[t - 2]) + schedule[t - 7] +
                  small_sigma0(schedule[t - 15]) + schedule[t - 16];
  }

  auto [a, b, c, d, e, f, g, h] = state_;
  for (std::size_t t = 0; t < 64; ++t) {
    const std::uint32_t t1 = h + big_sigma1(e) + choose(e, f, g) + kRoundConstants[t] + schedule[t];
    const std::uint32_t t2 = big_sigma0(a) + majority(a, b, c);
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  state_[0] += a;
  state_[1] += b;
  state_[2] += c;
  state_[3] += d;
  state_[4] += e;
  state_[5] += f;
  state_[6] += g;
  state_[7] += h;
}

std::string sha256_hex(std::string_view bytes) { return Sha256().update(bytes).hex_digest(); }

}  // namespace kevo::population
