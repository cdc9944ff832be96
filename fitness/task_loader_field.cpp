#include "fitness/task_loader_field.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "fitness/expr/error.hpp"
#include "fitness/task.hpp"

namespace kevo::fitness::loader {

namespace {

int one_based(int zero_based) { return std::max(zero_based, 0) + 1; }

std::string child_path(const std::string& parent, const std::string& child) {
  return parent.empty() ? child : parent + "." + child;
}

bool is_identifier(const std::string& text) {
  if (text.empty() || !(std::isalpha(static_cast<unsigned char>(text[0])) || text[0] == '_')) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  });
}

// "cdiv(N" is what YAML leaves of an unquoted "cdiv(N, 16)" inside [...].
bool looks_split_at_comma(const std::string& text) {
  return std::count(text.begin(), text.end(), '(') != std::count(text.begin(), text.end(), ')');
}

std::string describe_kind(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return "'" + printable(node.Scalar()) + "'";
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Undefined: break;
  }
  return "nothing";
}

}  // namespace

void fail_at(const std::string& file, const YAML::Mark& mark, const std::string& key,
             const std::string& problem, const std::string& fix) {
  std::string message = file + ":" + std::to_string(one_based(mark.line)) + ":" +
                        std::to_string(one_based(mark.column)) + ": key '" + key + "': " + problem +
                        "; " + fix;
  // One line, whatever the pieces quote.
  std::replace(message.begin(), message.end(), '\n', ' ');
  std::replace(message.begin(), message.end(), '\r', ' ');
  throw TaskError(message);
}

std::string printable(const std::string& text) { return expr::printable_excerpt(text); }

std::string join_names(const std::vector<std::string>& names) {
  if (names.empty()) return "none";
  std::string joined;
  for (const std::string& name : names) joined += (joined.empty() ? "" : ", ") + name;
  return joined;
}

Field::Field(YAML::Node node, const std::string& file)
    : node_(std::move(node)), mark_(node_.Mark()), file_(&file) {}

Field::Field(YAML::Node node, std::string key, YAML::Mark mark, const std::string* file)
    : node_(std::move(node)), key_(std::move(key)), mark_(mark), file_(file) {}

void Field::fail(const std::string& problem, const std::string& fix) const {
  fail_at(*file_, mark_, key_.empty() ? "(document)" : key_, problem, fix);
}

Field Field::child(const std::string& child_key, const YAML::Node& key_node, const YAML::Node& value) const {
  // An empty value ("name:") has the mark of whatever follows it; the key is
  // where the reader should look.
  const YAML::Mark mark = value.IsNull() ? key_node.Mark() : value.Mark();
  return Field(value, child_path(key_, child_key), mark, file_);
}

void Field::require_map() const {
  if (!node_.IsMap()) fail("expected a mapping, found " + describe_kind(node_), "write 'key: value' entries");
}

std::vector<std::pair<std::string, Field>> Field::entries() const {
  require_map();
  std::vector<std::pair<std::string, Field>> result;
  // Copies, not references: yaml-cpp's iterators hand out temporaries.
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    const YAML::Node key_node = it->first;
    const YAML::Node value = it->second;
    if (!key_node.IsScalar() || key_node.Scalar().empty()) {
      Field(key_node, key_, key_node.Mark(), file_)
          .fail("a key must be a plain name, found " + describe_kind(key_node), "write 'name: value'");
    }
    const std::string name = key_node.Scalar();
    for (const auto& [seen, value] : result) {
      if (seen == name) {
        Field(key_node, child_path(key_, printable(name)), key_node.Mark(), file_)
            .fail("duplicate key", "give each key once");
      }
    }
    result.emplace_back(name, child(printable(name), key_node, value));
  }
  return result;
}

void Field::allow_keys(std::initializer_list<std::string_view> known) const {
  std::string known_list;
  for (std::string_view name : known) known_list += (known_list.empty() ? "" : ", ") + std::string(name);
  entries();  // validates the keys themselves
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    const YAML::Node key_node = it->first;
    const std::string name = key_node.Scalar();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      // Point at the key itself: its value may be far away or absent.
      Field(key_node, child_path(key_, printable(name)), key_node.Mark(), file_)
          .fail("unknown key", "known keys here: " + known_list);
    }
  }
}

std::optional<Field> Field::optional(std::string_view key) const {
  for (auto& [name, value] : entries()) {
    if (name == key) return value;
  }
  return std::nullopt;
}

Field Field::required(std::string_view key) const {
  std::optional<Field> found = optional(key);
  if (!found) {
    Field(node_, child_path(key_, std::string(key)), mark_, file_)
        .fail("missing required key", "add '" + std::string(key) + ":' here (see docs/task-format.md)");
  }
  return *found;
}

std::vector<Field> Field::items() const {
  if (!node_.IsSequence()) fail("expected a list, found " + describe_kind(node_), "write a list such as [a, b]");
  std::vector<Field> result;
  std::size_t index = 0;
  for (const auto& item : node_) {
    const std::string item_key = key_ + "[" + std::to_string(index++) + "]";
    result.push_back(Field(item, item_key, item.IsNull() ? mark_ : item.Mark(), file_));
  }
  return result;
}

std::string Field::scalar_or_fail(std::string_view expected) const {
  if (!node_.IsScalar()) {
    fail("expected " + std::string(expected) + ", found " + describe_kind(node_),
         "write a single value here");
  }
  return node_.Scalar();
}

std::string Field::text() const { return scalar_or_fail("a string"); }

std::string Field::identifier() const {
  const std::string name = scalar_or_fail("a name");
  if (!is_identifier(name)) {
    fail("'" + printable(name) + "' is not a valid name",
         "use letters, digits and '_', not starting with a digit");
  }
  return name;
}

std::int64_t Field::integer() const {
  const std::string text = scalar_or_fail("an integer");
  try {
    const expr::Expression value = expr::Expression::parse(text);
    if (value.names().empty()) return value.evaluate({});
  } catch (const expr::ExprError&) {
    // Reported below, in the words of this key rather than the expression's.
  }
  fail("expected an integer, found '" + printable(text) + "'", "write an integer in the int64 range, such as 384");
}

double Field::number() const {
  const std::string text = scalar_or_fail("a number");
  const std::size_t skip = !text.empty() && text[0] == '+' ? 1 : 0;
  double value = 0;
  const char* begin = text.data() + skip;
  const char* end = text.data() + text.size();
  const auto [stop, status] = std::from_chars(begin, end, value);
  if (status != std::errc() || stop != end || begin == end || !std::isfinite(value)) {
    fail("expected a finite number, found '" + printable(text) + "'", "write a number such as 1e-4");
  }
  return value;
}

bool Field::boolean() const {
  const std::string text = scalar_or_fail("true or false");
  if (text == "true") return true;
  if (text == "false") return false;
  fail("expected true or false, found '" + printable(text) + "'", "write true or false");
}

expr::Expression Field::expression(const NameScope& scope) const {
  const std::string text = scalar_or_fail("an expression");
  expr::Expression parsed;
  try {
    parsed = expr::Expression::parse(text);
  } catch (const expr::ExprError& error) {
    fail(error.what(), looks_split_at_comma(text)
                           ? "quote expressions with commas: YAML splits [a, b] lists at commas, so write \"cdiv(N, 16)\""
                           : "fix the expression (syntax: fitness/expr/expression.hpp)");
  }
  for (const std::string& name : parsed.names()) {
    if (scope.names.count(name) == 0) {
      fail("unknown name '" + printable(name) + "' in '" + printable(text) + "'",
           "use only " + scope.description);
    }
  }
  return parsed;
}

}  // namespace kevo::fitness::loader
