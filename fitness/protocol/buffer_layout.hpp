#pragma once
// Where each buffer lives in the shared memory of one evaluation. Buffers are
// 64-byte aligned and separated by guard bytes holding a canary pattern;
// after every run a changed guard means a kernel wrote outside its buffer
// (an off-by-one the output comparison alone would miss, or a write into a
// neighbouring buffer).
#include <cstddef>
#include <optional>
#include <vector>

namespace kevo::fitness::protocol {

struct BufferSlot {
  std::size_t offset = 0;
  std::size_t bytes = 0;
};

struct BufferLayout {
  std::vector<BufferSlot> slots;
  std::size_t total_bytes = 0;  // includes the guard after the last buffer
};

inline constexpr std::size_t kBufferAlignment = 64;
inline constexpr std::size_t kMinGuardBytes = 64;

BufferLayout layout_buffers(const std::vector<std::size_t>& buffer_bytes);

// Writes the canary into every byte that belongs to no buffer.
void fill_guards(void* base, const BufferLayout& layout);

struct GuardDamage {
  // The buffer just before the damaged guard; nullopt for the guard before
  // the first buffer.
  std::optional<std::size_t> after_buffer;
  std::size_t byte_offset = 0;  // of the first changed byte, from the end of that buffer
};

std::optional<GuardDamage> find_guard_damage(const void* base, const BufferLayout& layout);

}  // namespace kevo::fitness::protocol
