#include "fitness/expr/lexer.hpp"

#include <array>
#include <cctype>
#include <string_view>

#include "fitness/expr/error.hpp"
#include "fitness/expr/literal.hpp"

namespace kevo::fitness::expr {

namespace {

// Longest first, so that "**" wins over "*".
constexpr std::array<std::string_view, 20> kSymbols{
    "**", "==", "!=", "<=", ">=", "&&", "||", "+", "-", "*",
    "/",  "%",  "<",  ">",  "!",  "?",  ":",  "(", ")", ","};

bool is_identifier_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_identifier_char(char c) { return is_identifier_start(c) || std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A hint for characters that look like C operators kevo does not have.
std::string hint_for(char c) {
  switch (c) {
    case '=': return "; did you mean '=='?";
    case '&': return "; did you mean '&&'?";
    case '|': return "; did you mean '||'?";
    case '^': return "; use '**' for powers";
    default: return "";
  }
}

class Lexer {
 public:
  explicit Lexer(const std::string& text) : text_(text) {}

  std::vector<Token> run() {
    std::vector<Token> tokens;
    while (true) {
      while (at_ < text_.size() && is_space(text_[at_])) ++at_;
      if (at_ == text_.size()) break;
      tokens.push_back(next());
    }
    tokens.push_back(Token{TokenKind::end, "", column(), 0});
    return tokens;
  }

 private:
  int column() const { return static_cast<int>(at_) + 1; }

  Token next() {
    const char c = text_[at_];
    if (std::isdigit(static_cast<unsigned char>(c))) return number();
    if (is_identifier_start(c)) return identifier();
    for (std::string_view symbol : kSymbols) {
      if (std::string_view(text_).substr(at_, symbol.size()) == symbol) {
        return take(symbol.size(), TokenKind::symbol);
      }
    }
    throw error_at("unexpected character '" + printable_excerpt(std::string(1, c)) + "'", column(), text_,
                   hint_for(c));
  }

  Token take(std::size_t length, TokenKind kind) {
    Token token{kind, text_.substr(at_, length), column(), 0};
    at_ += length;
    return token;
  }

  Token number() {
    const std::size_t length = scan_number_literal(std::string_view(text_).substr(at_));
    const int start_column = column();
    Token token = take(length, TokenKind::number);
    try {
      token.value = number_literal_value(token.text);
    } catch (const ArithmeticError& error) {
      throw error_at(error.what(), start_column, text_);
    }
    return token;
  }

  Token identifier() {
    std::size_t length = 1;
    while (at_ + length < text_.size() && is_identifier_char(text_[at_ + length])) ++length;
    return take(length, TokenKind::identifier);
  }

  const std::string& text_;
  std::size_t at_ = 0;
};

}  // namespace

std::vector<Token> tokenize(const std::string& text) { return Lexer(text).run(); }

std::string describe(const Token& token) {
  switch (token.kind) {
    case TokenKind::end: return "end of expression";
    case TokenKind::identifier: return "name '" + printable_excerpt(token.text) + "'";
    case TokenKind::number: return "number '" + printable_excerpt(token.text) + "'";
    case TokenKind::symbol: return "'" + token.text + "'";
  }
  return "'" + token.text + "'";
}

}  // namespace kevo::fitness::expr
