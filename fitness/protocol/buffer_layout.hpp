#pragma once
// Where each buffer lives in the shared memory of one evaluation. Buffers are
// 64-byte aligned and separated by guard bytes holding a canary pattern;
// after every run a changed guard means a kernel wrote outside its buffer
// (an off-by-one the output comparison alone would miss, or a write into a
// neighbouring buffer).
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
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

// Page-aligned, so a CPU kernel host can map every input read-only and each
// output writable without a page holding bytes of two buffers.
inline constexpr std::size_t kBufferAlignment = 4096;
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

// The damage at byte `offset` of the region (a guard byte that changed).
GuardDamage guard_damage_at(const BufferLayout& layout, std::size_t offset);
// "kernel wrote outside its buffers: byte 148 of z, which has 148 bytes".
std::string describe_guard_damage(const GuardDamage& damage, const BufferLayout& layout,
                                  const std::vector<std::string>& names);

// The guard canary, and the gaps [begin, end) that hold it.
unsigned char guard_canary();
std::vector<std::pair<std::size_t, std::size_t>> guard_gaps(const BufferLayout& layout);

// "kernel wrote outside its buffers: byte 148 of z, which has 148 bytes"; ""
// when every guard byte is intact. `names` holds one name per buffer.
std::string describe_guard_damage(const void* base, const BufferLayout& layout, const std::vector<std::string>& names);

}  // namespace kevo::fitness::protocol
