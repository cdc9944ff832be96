#include "fitness/expr/ast.hpp"

namespace kevo::fitness::expr {

std::string_view spelling(Op op) {
  switch (op) {
    case Op::literal: return "literal";
    case Op::name: return "name";
    case Op::negate: return "-";
    case Op::unary_plus: return "+";
    case Op::logical_not: return "!";
    case Op::add: return "+";
    case Op::subtract: return "-";
    case Op::multiply: return "*";
    case Op::divide: return "/";
    case Op::modulo: return "%";
    case Op::power: return "**";
    case Op::equal: return "==";
    case Op::not_equal: return "!=";
    case Op::less: return "<";
    case Op::less_equal: return "<=";
    case Op::greater: return ">";
    case Op::greater_equal: return ">=";
    case Op::logical_and: return "&&";
    case Op::logical_or: return "||";
    case Op::conditional: return "?:";
    case Op::call: return "call";
  }
  return "?";
}

}  // namespace kevo::fitness::expr
