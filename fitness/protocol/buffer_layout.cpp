#include "fitness/protocol/buffer_layout.hpp"

#include <cstring>

namespace kevo::fitness::protocol {

namespace {
constexpr unsigned char kCanary = 0xC7;

std::size_t align_up(std::size_t value, std::size_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

// Gap i runs from the end of buffer i-1 (or 0) to the start of buffer i (or the end).
struct Gap {
  std::size_t begin;
  std::size_t end;
};

Gap gap(const BufferLayout& layout, std::size_t index) {
  const std::size_t begin =
      index == 0 ? 0 : layout.slots[index - 1].offset + layout.slots[index - 1].bytes;
  const std::size_t end =
      index < layout.slots.size() ? layout.slots[index].offset : layout.total_bytes;
  return {begin, end};
}
}  // namespace

BufferLayout layout_buffers(const std::vector<std::size_t>& buffer_bytes) {
  BufferLayout layout;
  std::size_t cursor = 0;
  for (std::size_t bytes : buffer_bytes) {
    const std::size_t offset = align_up(cursor + kMinGuardBytes, kBufferAlignment);
    layout.slots.push_back({offset, bytes});
    cursor = offset + bytes;
  }
  layout.total_bytes = align_up(cursor + kMinGuardBytes, kBufferAlignment);
  return layout;
}

void fill_guards(void* base, const BufferLayout& layout) {
  auto* bytes = static_cast<unsigned char*>(base);
  for (std::size_t i = 0; i <= layout.slots.size(); ++i) {
    const Gap g = gap(layout, i);
    std::memset(bytes + g.begin, kCanary, g.end - g.begin);
  }
}

std::optional<GuardDamage> find_guard_damage(const void* base, const BufferLayout& layout) {
  const auto* bytes = static_cast<const unsigned char*>(base);
  for (std::size_t i = 0; i <= layout.slots.size(); ++i) {
    const Gap g = gap(layout, i);
    for (std::size_t at = g.begin; at < g.end; ++at) {
      if (bytes[at] == kCanary) continue;
      GuardDamage damage;
      if (i > 0) damage.after_buffer = i - 1;
      damage.byte_offset = at - g.begin;
      return damage;
    }
  }
  return std::nullopt;
}

GuardDamage guard_damage_at(const BufferLayout& layout, std::size_t offset) {
  for (std::size_t i = 0; i <= layout.slots.size(); ++i) {
    const Gap g = gap(layout, i);
    if (offset < g.begin || offset >= g.end) continue;
    GuardDamage damage;
    if (i > 0) damage.after_buffer = i - 1;
    damage.byte_offset = offset - g.begin;
    return damage;
  }
  return {};
}

std::string describe_guard_damage(const GuardDamage& damage, const BufferLayout& layout,
                                  const std::vector<std::string>& names) {
  if (!damage.after_buffer) return "kernel wrote outside its buffers: before the start of " + names.front();
  const std::size_t before = *damage.after_buffer;
  const std::size_t bytes = layout.slots[before].bytes;
  std::string message = "kernel wrote outside its buffers: byte " + std::to_string(bytes + damage.byte_offset) + " of " +
                        names[before] + ", which has " + std::to_string(bytes) + " bytes";
  if (before + 1 < layout.slots.size()) message += " (or before the start of " + names[before + 1] + ")";
  return message;
}

std::string describe_guard_damage(const void* base, const BufferLayout& layout, const std::vector<std::string>& names) {
  const auto damage = find_guard_damage(base, layout);
  return damage ? describe_guard_damage(*damage, layout, names) : "";
}

unsigned char guard_canary() { return kCanary; }

std::vector<std::pair<std::size_t, std::size_t>> guard_gaps(const BufferLayout& layout) {
  std::vector<std::pair<std::size_t, std::size_t>> gaps;
  for (std::size_t i = 0; i <= layout.slots.size(); ++i) {
    const Gap g = gap(layout, i);
    if (g.end > g.begin) gaps.emplace_back(g.begin, g.end);
  }
  return gaps;
}

}  // namespace kevo::fitness::protocol
