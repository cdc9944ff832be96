#include "fitness/expr/expression.hpp"

#include "fitness/expr/ast.hpp"
#include "fitness/expr/evaluator.hpp"
#include "fitness/expr/lexer.hpp"
#include "fitness/expr/parser.hpp"

namespace kevo::fitness::expr {

Expression::Expression() : text_("0"), root_(std::make_shared<const Node>()) {}

Expression Expression::parse(const std::string& text) {
  Expression expression;
  expression.root_ = parse_tokens(tokenize(text), text);
  expression.text_ = text;
  return expression;
}

std::int64_t Expression::evaluate(const Bindings& bindings) const {
  return evaluate_tree(*root_, bindings, text_);
}

std::set<std::string> Expression::names() const {
  std::set<std::string> names;
  collect_names(*root_, names);
  return names;
}

}  // namespace kevo::fitness::expr
