#include "fitness/protocol/random.hpp"

namespace kevo::fitness::protocol {

namespace {

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

std::uint64_t size_input_seed(std::uint64_t protocol_seed, std::string_view variant_id,
                              std::size_t size_index) {
  std::uint64_t seed = mix64(protocol_seed);
  seed = mix64(seed ^ fnv1a(variant_id));
  return mix64(seed ^ static_cast<std::uint64_t>(size_index));
}

std::uint64_t run_input_seed(std::uint64_t session_seed, std::uint64_t run) {
  // A different constant from the size seeds', so no run ever draws a check size's inputs.
  return mix64(mix64(session_seed ^ 0x5BD1E9955BD1E995ULL) ^ mix64(run));
}

std::uint64_t tensor_stream_seed(std::uint64_t size_seed, std::size_t tensor_index) {
  return mix64(size_seed ^ mix64(static_cast<std::uint64_t>(tensor_index) + 1));
}

}  // namespace kevo::fitness::protocol
