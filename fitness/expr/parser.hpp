#pragma once
// Recursive-descent / precedence-climbing parser. Private to fitness/expr.
#include <string>
#include <vector>

#include "fitness/expr/ast.hpp"
#include "fitness/expr/lexer.hpp"

namespace kevo::fitness::expr {

// The tree for `tokens` (from tokenize(text)); throws ExprError naming the
// column and what was expected there.
NodePtr parse_tokens(const std::vector<Token>& tokens, const std::string& text);

}  // namespace kevo::fitness::expr
