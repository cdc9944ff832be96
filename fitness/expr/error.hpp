#pragma once
// Building ExprError messages that quote the expression. Private to fitness/
// (the task loader quotes YAML text with printable_excerpt too).
#include <stdexcept>
#include <string>

#include "fitness/expr/expression.hpp"

namespace kevo::fitness::expr {

// Raised by arithmetic helpers that do not know where they are in the text;
// the evaluator attaches the column of the node being evaluated.
struct ArithmeticError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Printable one-line excerpt of user text: control bytes escaped, long text cut.
std::string printable_excerpt(const std::string& text);

// "<problem> at column <column> in '<text>'<tail>"; `tail` adds what was found
// or how to fix it (", found ')'", "; did you mean '=='?").
ExprError error_at(const std::string& problem, int column, const std::string& text,
                   const std::string& tail = "");

}  // namespace kevo::fitness::expr
