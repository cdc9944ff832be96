#pragma once
// Input checksums: taken after the inputs are written and compared after every
// run, so a kernel that writes its inputs (to make the next call easier, or by
// a stray pointer) is caught.
#include <cstddef>
#include <cstdint>

namespace kevo::fitness::protocol {

// A 64-bit hash of `bytes` bytes; fast (8 bytes a step), not cryptographic:
// it guards against bugs and lazy cheats, and any changed byte changes it with
// overwhelming probability.
std::uint64_t checksum(const void* data, std::size_t bytes);

}  // namespace kevo::fitness::protocol
