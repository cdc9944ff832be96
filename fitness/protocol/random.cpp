#include "fitness/protocol/random.hpp"

namespace kevo::fitness::protocol {

namespace {
constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ULL;

std::uint64_t rotl(std::uint64_t value, int shift) {
  return (value << shift) | (value >> (64 - shift));
}

// FNV-1a folds the id's bytes; mix64 afterwards supplies the avalanche FNV lacks.
std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t hash = 0xCBF29CE484222325ULL;
  for (unsigned char byte : bytes) {
    hash ^= byte;
    hash *= 0x100000001B3ULL;
  }
  return hash;
}
}  // namespace

std::uint64_t mix64(std::uint64_t value) {
  value += kGolden;
  value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ULL;
  value = (value ^ (value >> 27)) * 0x94D049BB133111EBULL;
  return value ^ (value >> 31);
}

Xoshiro256::Xoshiro256(std::uint64_t seed) {
  for (auto& word : state_) {
    seed += kGolden;
    word = mix64(seed);
  }
}

std::uint64_t Xoshiro256::next() {
  const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t shifted = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= shifted;
  state_[3] = rotl(state_[3], 45);
  return result;
}

double Xoshiro256::uniform01() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double Xoshiro256::uniform01_open() { return 1.0 - uniform01(); }

std::uint64_t size_input_seed(std::uint64_t protocol_seed, std::string_view variant_id,
                              std::size_t size_index) {
  std::uint64_t seed = mix64(protocol_seed);
  seed = mix64(seed ^ fnv1a(variant_id));
  return mix64(seed ^ static_cast<std::uint64_t>(size_index));
}

std::uint64_t tensor_stream_seed(std::uint64_t size_seed, std::size_t tensor_index) {
  return mix64(size_seed ^ mix64(static_cast<std::uint64_t>(tensor_index) + 1));
}

std::uint64_t chunk_stream_seed(std::uint64_t tensor_seed, std::uint64_t chunk) {
  return mix64(tensor_seed ^ mix64(chunk ^ 0xC2B2AE3D27D4EB4Full));
}

}  // namespace kevo::fitness::protocol
