// libFuzzer target: the expression language must never crash, whatever the
// text. ExprError is the only acceptable failure; anything else aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>

#include "fitness/expr/expression.hpp"

namespace {

using kevo::fitness::expr::Bindings;
using kevo::fitness::expr::Expression;
using kevo::fitness::expr::ExprError;

// Values that reach the edges of int64 arithmetic.
constexpr std::int64_t kInterestingValues[] = {
    0, 1, -1, 2, 3, 7, 64, 1 << 20, std::int64_t{1} << 31, std::int64_t{1} << 32,
    std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()};

void require(bool condition) {
  if (!condition) std::abort();
}

void check_error(const ExprError& error, std::size_t text_size) {
  const std::string message = error.what();
  require(!message.empty());
  require(message.find('\n') == std::string::npos);
  require(error.column >= 0 && static_cast<std::size_t>(error.column) <= text_size + 1);
}

void evaluate_with(const Expression& expression, const Bindings& bindings, std::size_t text_size) {
  try {
    const std::int64_t first = expression.evaluate(bindings);
    require(expression.evaluate(bindings) == first);  // pure: same bindings, same value
  } catch (const ExprError& error) {
    check_error(error, text_size);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  Expression expression;
  try {
    expression = Expression::parse(text);
  } catch (const ExprError& error) {
    require(error.column >= 1);
    check_error(error, size);
    return 0;
  }
  require(expression.text() == text);
  evaluate_with(expression, {}, size);
  const std::size_t value_count = sizeof kInterestingValues / sizeof kInterestingValues[0];
  for (std::size_t round = 0; round < 3; ++round) {
    Bindings bindings;
    std::size_t index = round;
    for (const std::string& name : expression.names()) {
      bindings[name] = kInterestingValues[(index++ * 5 + size) % value_count];
    }
    evaluate_with(expression, bindings, size);
  }
  return 0;
}
