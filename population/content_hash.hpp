#pragma once
// SHA-256 (FIPS 180-4), written for kevo: content hashes for dedup and the
// compile cache. Not for security decisions.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace kevo::population {

class Sha256 {
 public:
  Sha256();
  Sha256& update(std::string_view bytes);
  // Feeds a length-prefixed field, so that ("ab","c") and ("a","bc") differ.
  Sha256& field(std::string_view bytes);
  std::array<std::uint8_t, 32> digest();
  std::string hex_digest();

 private:
  void compress(const std::uint8_t* block);
  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::uint64_t length_ = 0;  // bytes fed so far
};

std::string sha256_hex(std::string_view bytes);

}  // namespace kevo::population
