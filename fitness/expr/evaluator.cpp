#include "fitness/expr/evaluator.hpp"

#include <vector>

#include "fitness/expr/checked_math.hpp"
#include "fitness/expr/error.hpp"
#include "fitness/expr/functions.hpp"

namespace kevo::fitness::expr {

namespace {

std::string list_bound_names(const Bindings& bindings) {
  if (bindings.empty()) return "none";
  std::string names;
  for (const auto& [name, value] : bindings) {
    if (!names.empty()) names += ", ";
    names += name;
  }
  return names;
}

std::string describe_operation(const Node& node) {
  if (node.op == Op::call) return node.identifier + "()";
  return "'" + std::string(spelling(node.op)) + "'";
}

class TreeEvaluator {
 public:
  TreeEvaluator(const Bindings& bindings, const std::string& text) : bindings_(bindings), text_(text) {}

  std::int64_t eval(const Node& node) const {
    try {
      return eval_unchecked(node);
    } catch (const ArithmeticError& error) {
      throw error_at(std::string(error.what()) + " in " + describe_operation(node), node.column, text_);
    }
  }

 private:
  std::int64_t eval_unchecked(const Node& node) const {
    switch (node.op) {
      case Op::literal: return node.value;
      case Op::name: return lookup(node);
      case Op::negate: return checked_negate(eval(child(node, 0)));
      case Op::unary_plus: return eval(child(node, 0));
      case Op::logical_not: return eval(child(node, 0)) == 0 ? 1 : 0;
      case Op::logical_and: return eval(child(node, 0)) != 0 && eval(child(node, 1)) != 0 ? 1 : 0;
      case Op::logical_or: return eval(child(node, 0)) != 0 || eval(child(node, 1)) != 0 ? 1 : 0;
      case Op::conditional: return eval(child(node, eval(child(node, 0)) != 0 ? 1 : 2));
      case Op::call: return call(node);
      default: return binary(node.op, eval(child(node, 0)), eval(child(node, 1)));
    }
  }

  static const Node& child(const Node& node, std::size_t index) { return *node.children[index]; }

  std::int64_t lookup(const Node& node) const {
    const auto found = bindings_.find(node.identifier);
    if (found == bindings_.end()) {
      // Column 0: the fault is in what the caller bound, not in the text.
      throw ExprError("unbound name '" + node.identifier + "' in '" + printable_excerpt(text_) +
                          "'; bound names: " + list_bound_names(bindings_),
                      0);
    }
    return found->second;
  }

  std::int64_t call(const Node& node) const {
    std::vector<std::int64_t> args;
    args.reserve(node.children.size());
    for (const NodePtr& arg : node.children) args.push_back(eval(*arg));
    return node.function->apply(args);
  }

  static std::int64_t binary(Op op, std::int64_t a, std::int64_t b) {
    switch (op) {
      case Op::add: return checked_add(a, b);
      case Op::subtract: return checked_subtract(a, b);
      case Op::multiply: return checked_multiply(a, b);
      case Op::divide: return checked_divide(a, b);
      case Op::modulo: return checked_modulo(a, b);
      case Op::power: return checked_power(a, b);
      case Op::equal: return a == b;
      case Op::not_equal: return a != b;
      case Op::less: return a < b;
      case Op::less_equal: return a <= b;
      case Op::greater: return a > b;
      case Op::greater_equal: return a >= b;
      default: throw ArithmeticError("internal error: not a binary operator");
    }
  }

  const Bindings& bindings_;
  const std::string& text_;
};

}  // namespace

std::int64_t evaluate_tree(const Node& root, const Bindings& bindings, const std::string& text) {
  return TreeEvaluator(bindings, text).eval(root);
}

void collect_names(const Node& root, std::set<std::string>& names) {
  if (root.op == Op::name) names.insert(root.identifier);
  for (const NodePtr& child : root.children) collect_names(*child, names);
}

}  // namespace kevo::fitness::expr
