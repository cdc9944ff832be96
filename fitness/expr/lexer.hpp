#pragma once
// Splits expression text into tokens. Private to fitness/expr.
#include <cstdint>
#include <string>
#include <vector>

namespace kevo::fitness::expr {

enum class TokenKind { number, identifier, symbol, end };

struct Token {
  TokenKind kind = TokenKind::end;
  std::string text;        // spelling; "" for end
  int column = 1;          // 1-based
  std::int64_t value = 0;  // TokenKind::number
};

// The tokens of `text`, always ending with a TokenKind::end token.
// Throws ExprError on characters or literals the language does not have.
std::vector<Token> tokenize(const std::string& text);

// How a token reads in messages: "')'", "name 'M'", "end of expression".
std::string describe(const Token& token);

}  // namespace kevo::fitness::expr
