#pragma once
// Evaluates a syntax tree on int64 with overflow checks. Private to fitness/expr.
#include <cstdint>
#include <set>
#include <string>

#include "fitness/expr/ast.hpp"
#include "fitness/expr/expression.hpp"

namespace kevo::fitness::expr {

// `text` is the expression's source, quoted in errors.
std::int64_t evaluate_tree(const Node& root, const Bindings& bindings, const std::string& text);

// Adds every identifier read by the tree to `names`, including those in
// branches a particular evaluation would skip.
void collect_names(const Node& root, std::set<std::string>& names);

}  // namespace kevo::fitness::expr
