#pragma once
// Integer literals: 42, 0x40, 1e9, 2.5e3. Private to fitness/expr.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kevo::fitness::expr {

// Length of the literal that starts at text[0] (a digit), following the
// longest-match rule; stops before anything that cannot continue it.
std::size_t scan_number_literal(std::string_view text);

// The value of a scanned literal. Throws ArithmeticError when it is malformed,
// not an integer (1.5, 1e-3) or out of the int64 range.
std::int64_t number_literal_value(std::string_view literal);

}  // namespace kevo::fitness::expr
