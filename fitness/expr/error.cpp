#include "fitness/expr/error.hpp"

#include <cstdio>

namespace kevo::fitness::expr {

namespace {
// Messages stay readable even when a fuzzer or a typo feeds kilobytes of text.
constexpr std::size_t kMaxExcerptChars = 80;
}  // namespace

std::string printable_excerpt(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size() && i < kMaxExcerptChars; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
      out += escaped;
    } else {
      out += static_cast<char>(byte);
    }
  }
  if (text.size() > kMaxExcerptChars) out += "...";
  return out;
}

ExprError error_at(const std::string& problem, int column, const std::string& text,
                   const std::string& tail) {
  return ExprError(problem + " at column " + std::to_string(column) + " in '" +
                       printable_excerpt(text) + "'" + tail,
                   column);
}

}  // namespace kevo::fitness::expr
