#pragma once
// Deterministic random numbers for input generation. Written out here rather
// than taken from <random> because the standard distributions are not
// specified bit-for-bit: libstdc++ and libc++ draw different values from the
// same engine, and inputs must replay identically on every machine.
//
// Every value is a pure function of (stream seed, element index): a
// counter-based generator. A tensor can then be drawn in any order, on any
// number of host threads or GPU threads, and one element can be redrawn
// alone (to say what an overwritten input element used to hold).
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kevo::fitness::protocol {

// SplitMix64's output function: a bijective 64-bit mixer with full avalanche.
// Inline: input generation calls it once per element.
inline std::uint64_t mix64(std::uint64_t value) {
  value += 0x9E3779B97F4A7C15ULL;
  value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ULL;
  value = (value ^ (value >> 27)) * 0x94D049BB133111EBULL;
  return value ^ (value >> 31);
}

// Draw number `counter` of stream `stream`: SplitMix64's sequence from state
// `stream`, so consecutive counters are consecutive SplitMix64 outputs.
inline std::uint64_t counter_bits(std::uint64_t stream, std::uint64_t counter) {
  return mix64(stream + counter * 0x9E3779B97F4A7C15ULL);
}

// [0, 1) from the top 53 bits; (0, 1) (never 0 or 1: safe for log and
// inverse CDFs) by centring the same 53 bits.
inline double unit_interval(std::uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }
inline double open_unit_interval(std::uint64_t bits) {
  return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53;
}

// The seed of all inputs of one variant at one size: (protocol seed,
// variant id, size index), so any check can be replayed.
std::uint64_t size_input_seed(std::uint64_t protocol_seed, std::string_view variant_id,
                              std::size_t size_index);

// The inputs of run `run` of a timing session drawn from `session_seed`.
std::uint64_t run_input_seed(std::uint64_t session_seed, std::uint64_t run);

// Each tensor draws from its own stream, so adding a tensor to a task does not
// change the values of the others.
std::uint64_t tensor_stream_seed(std::uint64_t size_seed, std::size_t tensor_index);

}  // namespace kevo::fitness::protocol
