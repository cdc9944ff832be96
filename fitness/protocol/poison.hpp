#pragma once
// Output poisoning: before every run each output element is set to a pattern a
// correct kernel overwrites, so an element the kernel skipped is caught.
//
// Floats get a quiet NaN with a payload of its own (0x7FEADBAD for f32), which
// no arithmetic produces (hardware NaNs carry a zero payload) and which fails
// the comparison even if a kernel copies it around. Integers get 0xA5..A5, a
// value no plausible integer output equals; should a reference ever produce it,
// the element still passes because equality with the reference is tested first.
#include <cstdint>

#include "fitness/task.hpp"

namespace kevo::fitness::protocol {

void poison(DType dtype, void* data, std::int64_t count);

// True when element `index` of `data` still holds the poison pattern, bit for bit.
bool is_poison(DType dtype, const void* data, std::int64_t index);

}  // namespace kevo::fitness::protocol
