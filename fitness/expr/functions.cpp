#include "fitness/expr/functions.hpp"

#include <algorithm>
#include <array>

#include "fitness/expr/checked_math.hpp"

namespace kevo::fitness::expr {

namespace {

using Args = std::vector<std::int64_t>;

std::int64_t apply_min(const Args& args) { return *std::min_element(args.begin(), args.end()); }
std::int64_t apply_max(const Args& args) { return *std::max_element(args.begin(), args.end()); }
std::int64_t apply_cdiv(const Args& args) { return ceiling_divide(args[0], args[1]); }
std::int64_t apply_round_up(const Args& args) { return round_up(args[0], args[1]); }
std::int64_t apply_log2(const Args& args) { return floor_log2(args[0]); }
std::int64_t apply_abs(const Args& args) { return checked_abs(args[0]); }

std::int64_t apply_is_pow2(const Args& args) {
  const std::int64_t a = args[0];
  return a > 0 && (a & (a - 1)) == 0 ? 1 : 0;
}

// Sorted by name, so that known_function_names() reads alphabetically.
constexpr std::array<Function, 7> kFunctions{{
    {"abs", "abs(a)", 1, 1, apply_abs},
    {"cdiv", "cdiv(a, b)", 2, 2, apply_cdiv},
    {"is_pow2", "is_pow2(a)", 1, 1, apply_is_pow2},
    {"log2", "log2(a)", 1, 1, apply_log2},
    {"max", "max(a, b, ...)", 1, kUnlimitedArgs, apply_max},
    {"min", "min(a, b, ...)", 1, kUnlimitedArgs, apply_min},
    {"round_up", "round_up(a, b)", 2, 2, apply_round_up},
}};

}  // namespace

const Function* find_function(std::string_view name) {
  for (const Function& function : kFunctions) {
    if (function.name == name) return &function;
  }
  return nullptr;
}

std::string known_function_names() {
  std::string names;
  for (const Function& function : kFunctions) {
    if (!names.empty()) names += ", ";
    names += function.name;
  }
  return names;
}

}  // namespace kevo::fitness::expr
