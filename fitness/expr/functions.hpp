#pragma once
// The built-in functions of the expression language. Private to fitness/expr.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kevo::fitness::expr {

struct Function {
  std::string_view name;
  std::string_view signature;  // for messages: "cdiv(a, b)"
  int min_args;
  int max_args;                // kUnlimitedArgs for min/max
  // Throws ArithmeticError; the caller adds the position.
  std::int64_t (*apply)(const std::vector<std::int64_t>& args);
};

inline constexpr int kUnlimitedArgs = -1;

// nullptr when `name` is not a built-in function.
const Function* find_function(std::string_view name);

// "abs, cdiv, is_pow2, log2, max, min, round_up", for "unknown function" messages.
std::string known_function_names();

}  // namespace kevo::fitness::expr
