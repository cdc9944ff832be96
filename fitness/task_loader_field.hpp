#pragma once
// A node of task.yaml together with where it is (file, line, column, dotted
// key path), so that every check can fail with a message that points at the
// offending text. Private to the task loader.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "fitness/expr/expression.hpp"

namespace kevo::fitness::loader {

// "<file>:<line>:<col>: key '<key>': <problem>; <fix>" on one line.
[[noreturn]] void fail_at(const std::string& file, const YAML::Mark& mark, const std::string& key,
                          const std::string& problem, const std::string& fix);

// Names an expression may read, and how to describe them in a fix.
struct NameScope {
  std::set<std::string> names;
  std::string description;  // e.g. "size parameters (M, N, K) and knobs (TILE)"
};

class Field {
 public:
  // The document root of `file`.
  Field(YAML::Node node, const std::string& file);

  const YAML::Node& node() const { return node_; }
  const std::string& key() const { return key_; }
  const std::string& file() const { return *file_; }

  [[noreturn]] void fail(const std::string& problem, const std::string& fix) const;

  // Mappings. allow_keys also rejects non-mappings, duplicate and non-name keys.
  void allow_keys(std::initializer_list<std::string_view> known) const;
  Field required(std::string_view key) const;
  std::optional<Field> optional(std::string_view key) const;
  // Entries in document order: (key text, value).
  std::vector<std::pair<std::string, Field>> entries() const;

  // Sequences.
  std::vector<Field> items() const;

  // Scalars.
  std::string text() const;
  std::string identifier() const;   // a C identifier
  std::int64_t integer() const;     // an integer or constant integer expression (384, 1e6, 2**20)
  double number() const;            // a finite real number
  bool boolean() const;             // true | false
  expr::Expression expression(const NameScope& scope) const;

 private:
  Field(YAML::Node node, std::string key, YAML::Mark mark, const std::string* file);
  Field child(const std::string& child_key, const YAML::Node& key_node, const YAML::Node& value) const;
  void require_map() const;
  std::string scalar_or_fail(std::string_view expected) const;

  YAML::Node node_;
  std::string key_;        // dotted path; "" at the root
  YAML::Mark mark_;        // where to point in messages
  const std::string* file_;
};

// "M, N, K" (or "none").
std::string join_names(const std::vector<std::string>& names);

// User text made safe to quote in a one-line message.
std::string printable(const std::string& text);

}  // namespace kevo::fitness::loader
