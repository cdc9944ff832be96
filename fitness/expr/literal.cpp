#include "fitness/expr/literal.hpp"

#include <cctype>
#include <string>

#include "fitness/expr/error.hpp"

namespace kevo::fitness::expr {

namespace {

// Exponents beyond this only ever overflow (or underflow to a non-integer);
// clamping keeps the arithmetic below in range for any input length.
constexpr std::int64_t kExponentClamp = 100000;

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_hex_digit(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

std::size_t skip_digits(std::string_view text, std::size_t at) {
  while (at < text.size() && is_digit(text[at])) ++at;
  return at;
}

bool has_hex_prefix(std::string_view text) {
  return text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
}

std::string quoted(std::string_view literal) {
  return "'" + printable_excerpt(std::string(literal)) + "'";
}

[[noreturn]] void malformed(std::string_view literal) {
  throw ArithmeticError("malformed number " + quoted(literal));
}

// value * base + digit, or an "out of range" error naming the literal.
std::int64_t append_digit(std::int64_t value, int base, int digit, std::string_view literal) {
  std::int64_t result;
  if (__builtin_mul_overflow(value, base, &result) || __builtin_add_overflow(result, digit, &result)) {
    throw ArithmeticError("number " + quoted(literal) + " is out of the int64 range");
  }
  return result;
}

std::int64_t hex_value(std::string_view literal) {
  const std::string_view digits = literal.substr(2);
  if (digits.empty()) malformed(literal);
  std::int64_t value = 0;
  for (char c : digits) {
    if (!is_hex_digit(c)) malformed(literal);
    const int digit = is_digit(c) ? c - '0' : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
    value = append_digit(value, 16, digit, literal);
  }
  return value;
}

// A decimal literal split into significant digits and a power of ten.
struct Decimal {
  std::string digits;        // integer and fraction digits, no point
  std::int64_t exponent = 0; // value = digits * 10^exponent
};

std::int64_t parse_exponent(std::string_view text, std::string_view literal) {
  bool negative = false;
  std::size_t at = 0;
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) negative = text[at++] == '-';
  if (at == text.size()) malformed(literal);
  std::int64_t exponent = 0;
  for (; at < text.size(); ++at) {
    if (!is_digit(text[at])) malformed(literal);
    if (exponent < kExponentClamp) exponent = exponent * 10 + (text[at] - '0');
  }
  return negative ? -exponent : exponent;
}

Decimal split_decimal(std::string_view literal) {
  Decimal decimal;
  std::size_t at = skip_digits(literal, 0);
  decimal.digits = std::string(literal.substr(0, at));
  if (at < literal.size() && literal[at] == '.') {
    const std::size_t fraction_end = skip_digits(literal, at + 1);
    decimal.digits += literal.substr(at + 1, fraction_end - at - 1);
    decimal.exponent = -static_cast<std::int64_t>(fraction_end - at - 1);
    at = fraction_end;
  }
  if (at < literal.size() && (literal[at] == 'e' || literal[at] == 'E')) {
    decimal.exponent += parse_exponent(literal.substr(at + 1), literal);
    at = literal.size();
  }
  if (at != literal.size() || decimal.digits.empty()) malformed(literal);
  return decimal;
}

std::int64_t decimal_value(std::string_view literal) {
  Decimal decimal = split_decimal(literal);
  // Trailing zeros absorb a negative exponent: 1.50e1 is the integer 15.
  while (decimal.exponent < 0 && !decimal.digits.empty() && decimal.digits.back() == '0') {
    decimal.digits.pop_back();
    ++decimal.exponent;
  }
  const bool is_zero = decimal.digits.find_first_not_of('0') == std::string::npos;
  if (is_zero) return 0;
  if (decimal.exponent < 0) {
    throw ArithmeticError("number " + quoted(literal) + " is not an integer");
  }
  std::int64_t value = 0;
  for (char digit : decimal.digits) value = append_digit(value, 10, digit - '0', literal);
  for (std::int64_t i = 0; i < decimal.exponent; ++i) value = append_digit(value, 10, 0, literal);
  return value;
}

}  // namespace

std::size_t scan_number_literal(std::string_view text) {
  if (has_hex_prefix(text)) {
    std::size_t at = 2;
    while (at < text.size() && is_word_char(text[at])) ++at;
    return at;
  }
  std::size_t at = skip_digits(text, 0);
  if (at < text.size() && text[at] == '.') at = skip_digits(text, at + 1);
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    if (at < text.size() && (text[at] == '+' || text[at] == '-')) ++at;
    at = skip_digits(text, at);
  }
  // Glued letters ("12abc", "1e") belong to the literal so that the whole
  // thing is reported as malformed instead of as a surprising multiplication.
  while (at < text.size() && (is_word_char(text[at]) || text[at] == '.')) ++at;
  return at;
}

std::int64_t number_literal_value(std::string_view literal) {
  return has_hex_prefix(literal) ? hex_value(literal) : decimal_value(literal);
}

}  // namespace kevo::fitness::expr
