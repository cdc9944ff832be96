#include "fitness/expr/parser.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "fitness/expr/error.hpp"
#include "fitness/expr/functions.hpp"

// Grammar, loosest binding first (C precedence; ** as in Python):
//   conditional := logical_or ['?' conditional ':' conditional]
//   binary      := unary {binary_op unary}     (precedence climbing, left assoc)
//   unary       := ('-' | '+' | '!') unary | power
//   power       := primary ['**' unary]        (right assoc: 2**3**2 == 2**9)
//   primary     := number | name | name '(' args ')' | '(' conditional ')'

namespace kevo::fitness::expr {

namespace {

struct BinaryOperator {
  std::string_view symbol;
  Op op;
  int precedence;  // higher binds tighter
};

constexpr BinaryOperator kBinaryOperators[] = {
    {"||", Op::logical_or, 1}, {"&&", Op::logical_and, 2},
    {"==", Op::equal, 3},      {"!=", Op::not_equal, 3},
    {"<", Op::less, 4},        {"<=", Op::less_equal, 4},
    {">", Op::greater, 4},     {">=", Op::greater_equal, 4},
    {"+", Op::add, 5},         {"-", Op::subtract, 5},
    {"*", Op::multiply, 6},    {"/", Op::divide, 6},
    {"%", Op::modulo, 6},
};

std::optional<BinaryOperator> binary_operator(const Token& token) {
  if (token.kind != TokenKind::symbol) return std::nullopt;
  for (const BinaryOperator& candidate : kBinaryOperators) {
    if (candidate.symbol == token.text) return candidate;
  }
  return std::nullopt;
}

std::optional<Op> unary_operator(const Token& token) {
  if (token.kind != TokenKind::symbol) return std::nullopt;
  if (token.text == "-") return Op::negate;
  if (token.text == "+") return Op::unary_plus;
  if (token.text == "!") return Op::logical_not;
  return std::nullopt;
}

class Parser {
 public:
  Parser(const std::vector<Token>& tokens, const std::string& text) : tokens_(tokens), text_(text) {}

  NodePtr parse_all() {
    NodePtr root = parse_conditional();
    if (peek().kind != TokenKind::end) {
      fail("unexpected " + describe(peek()), "; expected an operator or the end of the expression");
    }
    return root;
  }

 private:
  // Counts recursion that does not create nodes, e.g. "((((x))))".
  class NestingGuard {
   public:
    explicit NestingGuard(Parser& parser) : parser_(parser) {
      if (++parser_.nesting_ > kMaxNestingDepth) parser_.fail_too_deep(parser_.peek().column);
    }
    ~NestingGuard() { --parser_.nesting_; }
    NestingGuard(const NestingGuard&) = delete;
    NestingGuard& operator=(const NestingGuard&) = delete;

   private:
    Parser& parser_;
  };

  const Token& peek() const { return tokens_[position_]; }
  const Token& advance() { return tokens_[position_ == tokens_.size() - 1 ? position_ : position_++]; }

  bool at_symbol(std::string_view symbol) const {
    return peek().kind == TokenKind::symbol && peek().text == symbol;
  }

  void expect(std::string_view symbol) {
    if (!at_symbol(symbol)) fail("expected '" + std::string(symbol) + "'", ", found " + describe(peek()));
    advance();
  }

  [[noreturn]] void fail(const std::string& problem, const std::string& tail = "") const {
    throw error_at(problem, peek().column, text_, tail);
  }

  [[noreturn]] void fail_too_deep(int column) const {
    throw error_at("expression nested too deeply (more than " + std::to_string(kMaxNestingDepth) +
                       " levels)",
                   column, text_);
  }

  static Node node_of(Op op, int column, std::vector<NodePtr> children = {}) {
    Node node;
    node.op = op;
    node.column = column;
    node.children = std::move(children);
    return node;
  }

  NodePtr finish(Node node) const {
    for (const NodePtr& child : node.children) node.depth = std::max(node.depth, child->depth + 1);
    // Left-associative chains ("1+1+...+1") grow the tree without recursing
    // in the parser; the evaluator and destructor would recurse that deep.
    if (node.depth > kMaxNestingDepth) fail_too_deep(node.column);
    return std::make_shared<const Node>(std::move(node));
  }

  NodePtr make(Op op, int column, std::vector<NodePtr> children) const {
    return finish(node_of(op, column, std::move(children)));
  }

  NodePtr parse_conditional() {
    NestingGuard guard(*this);
    NodePtr condition = parse_binary(1);
    if (!at_symbol("?")) return condition;
    const int column = advance().column;
    NodePtr if_true = parse_conditional();
    expect(":");
    NodePtr if_false = parse_conditional();
    return make(Op::conditional, column, {condition, if_true, if_false});
  }

  NodePtr parse_binary(int min_precedence) {
    NodePtr left = parse_unary();
    while (true) {
      const std::optional<BinaryOperator> found = binary_operator(peek());
      if (!found || found->precedence < min_precedence) return left;
      const int column = advance().column;
      NodePtr right = parse_binary(found->precedence + 1);
      left = make(found->op, column, {left, right});
    }
  }

  NodePtr parse_unary() {
    const std::optional<Op> op = unary_operator(peek());
    if (!op) return parse_power();
    NestingGuard guard(*this);
    const int column = advance().column;
    return make(*op, column, {parse_unary()});
  }

  NodePtr parse_power() {
    NodePtr base = parse_primary();
    if (!at_symbol("**")) return base;
    NestingGuard guard(*this);
    const int column = advance().column;
    return make(Op::power, column, {base, parse_unary()});
  }

  NodePtr parse_primary() {
    const Token& token = peek();
    switch (token.kind) {
      case TokenKind::number: return parse_number();
      case TokenKind::identifier: return parse_name_or_call();
      case TokenKind::symbol:
        if (token.text == "(") return parse_parenthesized();
        break;
      case TokenKind::end: break;
    }
    fail("expected a number, a name or '('", ", found " + describe(token));
  }

  NodePtr parse_number() {
    const Token& token = advance();
    Node node = node_of(Op::literal, token.column);
    node.value = token.value;
    return finish(std::move(node));
  }

  NodePtr parse_parenthesized() {
    advance();
    NodePtr inner = parse_conditional();
    expect(")");
    return inner;
  }

  NodePtr parse_name_or_call() {
    const Token& name = advance();
    if (!at_symbol("(")) {
      Node node = node_of(Op::name, name.column);
      node.identifier = name.text;
      return finish(std::move(node));
    }
    return parse_call(name);
  }

  NodePtr parse_call(const Token& name) {
    const Function* function = find_function(name.text);
    if (function == nullptr) {
      throw error_at("unknown function '" + printable_excerpt(name.text) + "'", name.column, text_,
                     "; known functions: " + known_function_names());
    }
    std::vector<NodePtr> args = parse_arguments();
    check_arity(*function, static_cast<int>(args.size()), name.column);
    Node node = node_of(Op::call, name.column, std::move(args));
    node.identifier = name.text;
    node.function = function;
    return finish(std::move(node));
  }

  std::vector<NodePtr> parse_arguments() {
    expect("(");
    std::vector<NodePtr> args;
    if (at_symbol(")")) {
      advance();
      return args;
    }
    while (true) {
      args.push_back(parse_conditional());
      if (at_symbol(")")) break;
      if (!at_symbol(",")) fail("expected ',' or ')'", ", found " + describe(peek()));
      advance();
    }
    advance();
    return args;
  }

  void check_arity(const Function& function, int count, int column) const {
    const bool too_few = count < function.min_args;
    const bool too_many = function.max_args != kUnlimitedArgs && count > function.max_args;
    if (!too_few && !too_many) return;
    throw error_at("function " + std::string(function.signature) + " called with " +
                       std::to_string(count) + " argument" + (count == 1 ? "" : "s"),
                   column, text_);
  }

  const std::vector<Token>& tokens_;
  const std::string& text_;
  std::size_t position_ = 0;
  int nesting_ = 0;
};

}  // namespace

NodePtr parse_tokens(const std::vector<Token>& tokens, const std::string& text) {
  return Parser(tokens, text).parse_all();
}

}  // namespace kevo::fitness::expr
