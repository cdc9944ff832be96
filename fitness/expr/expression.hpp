#pragma once
// A small integer expression language for sizes, grids, blocks, buffer sizes,
// flops/bytes formulas and knob constraints.
//
//   literals   42, 0x40, 1e9 (integral values only)
//   names      M, TILE, BLOCK_M   (bound at evaluation time)
//   operators  + - * / % (C semantics on int64; / and % by zero are errors)
//              ** (power), unary - + !, == != < <= > >=, && ||, ?:
//   functions  min(a,b,...), max(a,b,...), cdiv(a,b) (ceiling division),
//              round_up(a,b), log2(a) (floor), is_pow2(a), abs(a)
//
// Overflow of int64 is an error, never a wrap-around.
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>

namespace kevo::fitness::expr {

// Parse and evaluation errors carry the 1-based column in the expression text.
struct ExprError : std::runtime_error {
  ExprError(const std::string& message, int column)
      : std::runtime_error(message), column(column) {}
  int column;  // 0 when the error is not tied to a position (e.g. unbound name at eval)
};

using Bindings = std::map<std::string, std::int64_t>;

struct Node;  // defined in expression.cpp

class Expression {
 public:
  Expression();  // the constant 0
  // Parses `text`; throws ExprError with the column of the offending token.
  static Expression parse(const std::string& text);

  // Throws ExprError when a name is unbound, on division by zero or overflow.
  std::int64_t evaluate(const Bindings& bindings) const;
  // Every identifier the expression reads (not function names).
  std::set<std::string> names() const;
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  std::shared_ptr<const Node> root_;
};

}  // namespace kevo::fitness::expr
