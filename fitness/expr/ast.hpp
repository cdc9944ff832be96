#pragma once
// The immutable syntax tree behind Expression. Private to fitness/expr.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kevo::fitness::expr {

struct Function;  // functions.hpp
struct Node;

enum class Op {
  literal,
  name,
  negate,
  unary_plus,
  logical_not,
  add,
  subtract,
  multiply,
  divide,
  modulo,
  power,
  equal,
  not_equal,
  less,
  less_equal,
  greater,
  greater_equal,
  logical_and,
  logical_or,
  conditional,
  call,
};

// Source spelling of an operator, for error messages ("*", "**", "?:").
std::string_view spelling(Op op);

using NodePtr = std::shared_ptr<const Node>;

struct Node {
  Op op = Op::literal;
  int column = 1;              // 1-based column of the token that produced the node
  int depth = 1;               // subtree height; bounded so that recursion stays shallow
  std::int64_t value = 0;      // Op::literal
  std::string identifier;      // Op::name, or the function name for Op::call
  const Function* function = nullptr;  // Op::call
  std::vector<NodePtr> children;
};

// Parser, evaluator and destructor recurse over the tree; this bounds how deep.
inline constexpr int kMaxNestingDepth = 200;

}  // namespace kevo::fitness::expr
