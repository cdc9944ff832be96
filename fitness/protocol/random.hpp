#pragma once
// Deterministic random numbers for input generation. Written out here rather
// than taken from <random> because the standard distributions are not
// specified bit-for-bit: libstdc++ and libc++ draw different values from the
// same engine, and inputs must replay identically on every machine.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kevo::fitness::protocol {

// SplitMix64's output function: a bijective 64-bit mixer with full avalanche.
std::uint64_t mix64(std::uint64_t value);

// xoshiro256** (Blackman & Vigna), seeded through SplitMix64.
class Xoshiro256 {
 public:
  explicit Xoshiro256(std::uint64_t seed);
  std::uint64_t next();
  double uniform01();       // [0, 1), 53 random bits
  double uniform01_open();  // (0, 1], safe for log()

 private:
  std::array<std::uint64_t, 4> state_{};
};

// The seed of all inputs of one variant at one size: (protocol seed,
// variant id, size index), so any evaluation can be replayed.
std::uint64_t size_input_seed(std::uint64_t protocol_seed, std::string_view variant_id,
                              std::size_t size_index);

// Each tensor draws from its own stream, so adding a tensor to a task does not
// change the values of the others.
std::uint64_t tensor_stream_seed(std::uint64_t size_seed, std::size_t tensor_index);

// The stream of chunk `chunk` (> 0) of a tensor drawn in parallel chunks.
std::uint64_t chunk_stream_seed(std::uint64_t tensor_seed, std::uint64_t chunk);

}  // namespace kevo::fitness::protocol
