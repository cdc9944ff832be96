#pragma once
// int64 arithmetic that reports overflow and undefined cases instead of
// wrapping: a kernel grid computed from a wrapped size would launch garbage.
// Every function throws ArithmeticError (error.hpp) with a short problem text.
#include <cstdint>

namespace kevo::fitness::expr {

std::int64_t checked_add(std::int64_t a, std::int64_t b);
std::int64_t checked_subtract(std::int64_t a, std::int64_t b);
std::int64_t checked_multiply(std::int64_t a, std::int64_t b);
std::int64_t checked_negate(std::int64_t a);
std::int64_t checked_divide(std::int64_t a, std::int64_t b);   // truncates, like C
std::int64_t checked_modulo(std::int64_t a, std::int64_t b);   // sign of a, like C
std::int64_t checked_power(std::int64_t base, std::int64_t exponent);
std::int64_t ceiling_divide(std::int64_t a, std::int64_t b);
std::int64_t round_up(std::int64_t a, std::int64_t multiple);
std::int64_t floor_log2(std::int64_t a);
std::int64_t checked_abs(std::int64_t a);

}  // namespace kevo::fitness::expr
