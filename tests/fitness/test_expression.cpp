// The expression language: precedence, functions, literals, errors with columns.
#include <cstdint>
#include <limits>
#include <string>

#include "catch_compat.hpp"
#include "fitness/expr/expression.hpp"

using kevo::fitness::expr::Bindings;
using kevo::fitness::expr::Expression;
using kevo::fitness::expr::ExprError;

namespace {

std::int64_t eval(const std::string& text, const Bindings& bindings = {}) {
  return Expression::parse(text).evaluate(bindings);
}

// The ExprError raised by parsing `text`; fails the test when none is.
ExprError parse_error(const std::string& text) {
  try {
    Expression::parse(text);
  } catch (const ExprError& error) {
    return error;
  }
  FAIL("expected a parse error for '" << text << "'");
  return ExprError("", 0);
}

ExprError eval_error(const std::string& text, const Bindings& bindings = {}) {
  const Expression expression = Expression::parse(text);
  try {
    expression.evaluate(bindings);
  } catch (const ExprError& error) {
    return error;
  }
  FAIL("expected an evaluation error for '" << text << "'");
  return ExprError("", 0);
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("expression: default is the constant 0") {
  const Expression zero;
  CHECK(zero.evaluate({}) == 0);
  CHECK(zero.text() == "0");
  CHECK(zero.names().empty());
}

TEST_CASE("expression: literals") {
  CHECK(eval("42") == 42);
  CHECK(eval("0x40") == 64);
  CHECK(eval("0XfF") == 255);
  CHECK(eval("1e9") == 1000000000);
  CHECK(eval("2.5e3") == 2500);
  CHECK(eval("1.50e1") == 15);
  CHECK(eval("3.0") == 3);
  CHECK(eval("0.0") == 0);
  CHECK(eval("007") == 7);
  CHECK(eval("9223372036854775807") == std::numeric_limits<std::int64_t>::max());
  CHECK(eval("-9223372036854775807 - 1") == std::numeric_limits<std::int64_t>::min());
}

TEST_CASE("expression: non-integral or malformed literals are parse errors") {
  CHECK(contains(parse_error("1.5").what(), "not an integer"));
  CHECK(contains(parse_error("1e-3").what(), "not an integer"));
  CHECK(contains(parse_error("2 * 12abc").what(), "malformed number '12abc' at column 5"));
  CHECK(contains(parse_error("1e").what(), "malformed number"));
  CHECK(contains(parse_error("0x").what(), "malformed number"));
  CHECK(contains(parse_error("1e99").what(), "out of the int64 range"));
  CHECK(contains(parse_error("9223372036854775808").what(), "out of the int64 range"));
  CHECK(parse_error("1 + 0x1g").column == 5);
}

TEST_CASE("expression: arithmetic precedence and associativity follow C") {
  CHECK(eval("1 + 2 * 3") == 7);
  CHECK(eval("(1 + 2) * 3") == 9);
  CHECK(eval("10 - 4 - 3") == 3);
  CHECK(eval("100 / 10 / 5") == 2);
  CHECK(eval("7 % 4 * 2") == 6);
  CHECK(eval("-7 / 2") == -3);
  CHECK(eval("-7 % 2") == -1);
  CHECK(eval("7 % -2") == 1);
  CHECK(eval("1 + 2 < 4") == 1);
  CHECK(eval("1 < 2 == 1") == 1);
  CHECK(eval("1 || 0 && 0") == 1);
  CHECK(eval("0 && 1 || 1") == 1);
  CHECK(eval("3 > 2 > 1") == 0);  // (3 > 2) > 1
}

TEST_CASE("expression: power binds tighter than unary minus and is right-associative") {
  CHECK(eval("2 ** 10") == 1024);
  CHECK(eval("2 ** 3 ** 2") == 512);
  CHECK(eval("-2 ** 2") == -4);
  CHECK(eval("(-2) ** 3") == -8);
  CHECK(eval("2 * 3 ** 2") == 18);
  CHECK(eval("0 ** 0") == 1);
  CHECK(eval("(-1) ** 63") == -1);
  CHECK(eval("2 ** 62") == (std::int64_t{1} << 62));
  CHECK(contains(eval_error("2 ** -1").what(), "negative exponent"));
}

TEST_CASE("expression: unary operators, comparisons and the conditional") {
  CHECK(eval("!0") == 1);
  CHECK(eval("!5") == 0);
  CHECK(eval("!!5") == 1);
  CHECK(eval("+3") == 3);
  CHECK(eval("- -3") == 3);
  CHECK(eval("2 != 3") == 1);
  CHECK(eval("2 <= 2") == 1);
  CHECK(eval("2 >= 3") == 0);
  CHECK(eval("1 ? 10 : 20") == 10);
  CHECK(eval("0 ? 10 : 20") == 20);
  CHECK(eval("0 ? 1 : 0 ? 2 : 3") == 3);  // right-associative
  CHECK(eval("1 + 1 ? 4 : 5") == 4);      // lowest precedence
}

TEST_CASE("expression: && || and ?: skip what they do not need") {
  CHECK(eval("N > 0 && M / N > 2", {{"N", 0}, {"M", 7}}) == 0);
  CHECK(eval("N == 0 || M / N > 2", {{"N", 0}, {"M", 7}}) == 1);
  CHECK(eval("N ? M / N : 0", {{"N", 0}, {"M", 7}}) == 0);
  CHECK(eval("1 ? 2 : UNBOUND") == 2);
}

TEST_CASE("expression: names are bound at evaluation") {
  const Expression flops = Expression::parse("2*M*N*K");
  CHECK(flops.evaluate({{"M", 3}, {"N", 5}, {"K", 7}}) == 210);
  CHECK(flops.evaluate({{"M", 1}, {"N", 1}, {"K", 1}}) == 2);
  CHECK(eval("BLOCK_M + _x1", {{"BLOCK_M", 64}, {"_x1", 1}}) == 65);
}

TEST_CASE("expression: names() lists identifiers but not functions") {
  const Expression expression = Expression::parse("cdiv(N, TILE) * max(M, 1) + (FLAG ? A : B)");
  CHECK(expression.names() == std::set<std::string>{"A", "B", "FLAG", "M", "N", "TILE"});
  CHECK(Expression::parse("min(1, 2)").names().empty());
  CHECK(Expression::parse("M * M").names() == std::set<std::string>{"M"});
}

TEST_CASE("expression: functions") {
  CHECK(eval("min(3, 1, 2)") == 1);
  CHECK(eval("max(3, 1, 2)") == 3);
  CHECK(eval("min(5)") == 5);
  CHECK(eval("cdiv(10, 3)") == 4);
  CHECK(eval("cdiv(9, 3)") == 3);
  CHECK(eval("cdiv(0, 3)") == 0);
  CHECK(eval("cdiv(-10, 3)") == -3);
  CHECK(eval("cdiv(10, -3)") == -3);
  CHECK(eval("cdiv(-10, -3)") == 4);
  CHECK(eval("round_up(10, 4)") == 12);
  CHECK(eval("round_up(12, 4)") == 12);
  CHECK(eval("log2(1)") == 0);
  CHECK(eval("log2(1023)") == 9);
  CHECK(eval("log2(1024)") == 10);
  CHECK(eval("is_pow2(64)") == 1);
  CHECK(eval("is_pow2(96)") == 0);
  CHECK(eval("is_pow2(0)") == 0);
  CHECK(eval("is_pow2(-4)") == 0);
  CHECK(eval("abs(-5)") == 5);
  CHECK(eval("abs(5)") == 5);
  CHECK(eval("max(1, min(4, 3) * 2)") == 6);
}

TEST_CASE("expression: function errors") {
  const ExprError unknown = parse_error("1 + foo(2)");
  CHECK(unknown.column == 5);
  CHECK(contains(unknown.what(), "unknown function 'foo'"));
  CHECK(contains(unknown.what(), "abs, cdiv, is_pow2, log2, max, min, round_up"));
  CHECK(contains(parse_error("cdiv(1, 2, 3)").what(), "cdiv(a, b) called with 3 arguments at column 1"));
  CHECK(contains(parse_error("max()").what(), "called with 0 arguments"));
  CHECK(contains(parse_error("min(1,)").what(), "at column 7"));
  CHECK(contains(eval_error("log2(0)").what(), "log2 of a non-positive value"));
  CHECK(contains(eval_error("cdiv(4, 0)").what(), "division by zero in cdiv()"));
  CHECK(contains(eval_error("round_up(4, 0)").what(), "division by zero"));
}

TEST_CASE("expression: parse errors name the column and what was expected") {
  const ExprError missing_paren = parse_error("(M + N * 2");
  CHECK(missing_paren.column == 11);
  CHECK(contains(missing_paren.what(), "expected ')' at column 11"));
  CHECK(contains(parse_error("2 * (M + 1").what(), "expected ')'"));
  CHECK(parse_error("").column == 1);
  CHECK(contains(parse_error("").what(), "expected a number, a name or '('"));
  CHECK(parse_error("M +").column == 4);
  CHECK(parse_error("M N").column == 3);
  CHECK(contains(parse_error("M N").what(), "unexpected name 'N'"));
  CHECK(parse_error("1 ? 2").column == 6);
  CHECK(contains(parse_error("1 ? 2").what(), "expected ':'"));
  CHECK(parse_error("()").column == 2);
  CHECK(parse_error("1 )").column == 3);
}

TEST_CASE("expression: characters the language lacks are errors with hints") {
  const ExprError assignment = parse_error("M = 2");
  CHECK(assignment.column == 3);
  CHECK(contains(assignment.what(), "did you mean '=='"));
  CHECK(contains(parse_error("A & B").what(), "did you mean '&&'"));
  CHECK(contains(parse_error("A | B").what(), "did you mean '||'"));
  CHECK(contains(parse_error("2 ^ 3").what(), "'**'"));
  CHECK(parse_error("M $ N").column == 3);
  CHECK(contains(parse_error("M\x01").what(), "\\x01"));
}

TEST_CASE("expression: overflow is an error, never a wrap-around") {
  const Bindings big{{"B", std::numeric_limits<std::int64_t>::max()}};
  const ExprError sum = eval_error("B + 1", big);
  CHECK(contains(sum.what(), "integer overflow in '+' at column 3"));
  CHECK(sum.column == 3);
  CHECK(contains(eval_error("-B - 2", big).what(), "integer overflow in '-'"));
  CHECK(contains(eval_error("B * 2", big).what(), "integer overflow in '*'"));
  CHECK(contains(eval_error("2 ** 63").what(), "integer overflow in '**'"));
  CHECK(contains(eval_error("3 ** 40").what(), "integer overflow"));
  CHECK(contains(eval_error("(-B - 1) / -1", big).what(), "integer overflow in '/'"));
  CHECK(contains(eval_error("-(-B - 1)", big).what(), "integer overflow in '-'"));
  CHECK(contains(eval_error("abs(-B - 1)", big).what(), "integer overflow in abs()"));
  CHECK(contains(eval_error("round_up(B, 2)", big).what(), "integer overflow"));
  CHECK(eval("(-B - 1) % -1", big) == 0);
}

TEST_CASE("expression: division and modulo by zero are errors") {
  const ExprError division = eval_error("M / (N - 4)", {{"M", 1}, {"N", 4}});
  CHECK(division.column == 3);
  CHECK(contains(division.what(), "division by zero in '/' at column 3 in 'M / (N - 4)'"));
  CHECK(contains(eval_error("5 % 0").what(), "division by zero in '%'"));
}

TEST_CASE("expression: unbound names are errors naming the name") {
  const ExprError unbound = eval_error("M * K", {{"M", 2}, {"N", 3}});
  CHECK(unbound.column == 0);
  CHECK(contains(unbound.what(), "unbound name 'K'"));
  CHECK(contains(unbound.what(), "bound names: M, N"));
}

TEST_CASE("expression: deep nesting is refused, not a stack overflow") {
  CHECK(eval(std::string(150, '(') + "1" + std::string(150, ')')) == 1);
  const std::string deep = std::string(100000, '(') + "1" + std::string(100000, ')');
  CHECK(contains(parse_error(deep).what(), "nested too deeply"));
  CHECK(contains(parse_error(std::string(100000, '-') + "1").what(), "nested too deeply"));
  std::string long_sum = "1";
  for (int i = 0; i < 100000; ++i) long_sum += "+1";
  CHECK(contains(parse_error(long_sum).what(), "nested too deeply"));
  std::string tower = "2";
  for (int i = 0; i < 100000; ++i) tower += "**2";
  CHECK(contains(parse_error(tower).what(), "nested too deeply"));
  std::string sum_of_150 = "1";
  for (int i = 1; i < 150; ++i) sum_of_150 += "+1";
  CHECK(eval(sum_of_150) == 150);
}

TEST_CASE("expression: copies share the immutable tree") {
  const Expression original = Expression::parse("M + 1");
  const Expression copy = original;  // NOLINT(performance-unnecessary-copy-initialization)
  CHECK(copy.text() == "M + 1");
  CHECK(copy.evaluate({{"M", 4}}) == 5);
  CHECK(original.evaluate({{"M", 5}}) == 6);
}
