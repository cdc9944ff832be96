#include "fitness/expr/checked_math.hpp"

#include <limits>

#include "fitness/expr/error.hpp"

namespace kevo::fitness::expr {

namespace {

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

[[noreturn]] void overflow() { throw ArithmeticError("integer overflow"); }

void require_nonzero_divisor(std::int64_t divisor) {
  if (divisor == 0) throw ArithmeticError("division by zero");
}

}  // namespace

std::int64_t checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t result;
  if (__builtin_add_overflow(a, b, &result)) overflow();
  return result;
}

std::int64_t checked_subtract(std::int64_t a, std::int64_t b) {
  std::int64_t result;
  if (__builtin_sub_overflow(a, b, &result)) overflow();
  return result;
}

std::int64_t checked_multiply(std::int64_t a, std::int64_t b) {
  std::int64_t result;
  if (__builtin_mul_overflow(a, b, &result)) overflow();
  return result;
}

std::int64_t checked_negate(std::int64_t a) { return checked_subtract(0, a); }

std::int64_t checked_divide(std::int64_t a, std::int64_t b) {
  require_nonzero_divisor(b);
  if (a == kMin && b == -1) overflow();
  return a / b;
}

std::int64_t checked_modulo(std::int64_t a, std::int64_t b) {
  require_nonzero_divisor(b);
  // kMin % -1 is 0 mathematically but traps on x86, so answer without dividing.
  if (b == -1) return 0;
  return a % b;
}

std::int64_t checked_power(std::int64_t base, std::int64_t exponent) {
  if (exponent < 0) throw ArithmeticError("negative exponent");
  std::int64_t result = 1;
  while (exponent > 0) {
    if (exponent & 1) result = checked_multiply(result, base);
    exponent >>= 1;
    // Squaring only while bits remain: the result will include that square,
    // so an overflow here is an overflow of the result too.
    if (exponent > 0) base = checked_multiply(base, base);
  }
  return result;
}

std::int64_t ceiling_divide(std::int64_t a, std::int64_t b) {
  const std::int64_t quotient = checked_divide(a, b);
  const std::int64_t remainder = a - quotient * b;
  const bool same_sign = (remainder > 0) == (b > 0);
  return remainder != 0 && same_sign ? quotient + 1 : quotient;
}

std::int64_t round_up(std::int64_t a, std::int64_t multiple) {
  return checked_multiply(ceiling_divide(a, multiple), multiple);
}

std::int64_t floor_log2(std::int64_t a) {
  if (a <= 0) throw ArithmeticError("log2 of a non-positive value (" + std::to_string(a) + ")");
  return 63 - __builtin_clzll(static_cast<unsigned long long>(a));
}

std::int64_t checked_abs(std::int64_t a) { return a < 0 ? checked_negate(a) : a; }

}  // namespace kevo::fitness::expr
