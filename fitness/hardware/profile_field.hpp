#pragma once
// A node of a hardware profile file together with where it is (file, line,
// column, dotted key), so every check fails with one line that points at the
// offending text: "<file>:<line>:<col>: key '<key>': <problem>; <fix>".
// Private to the profile and measured-ceilings loaders.
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <map>

#include <yaml-cpp/yaml.h>

#include "fitness/hardware/precision.hpp"

namespace kevo::fitness::hardware::detail {

class ProfileField {
 public:
  // The root mapping of `file`: read, parsed, and checked to be a mapping.
  static ProfileField load(const std::filesystem::path& file);

  const std::string& key() const { return key_; }
  const std::string& file() const { return file_; }
  int line() const;  // 1-based

  [[noreturn]] void fail(const std::string& problem, const std::string& fix) const;

  // Mappings. Every key must be in `required` or `optional`, none may repeat,
  // and every `required` key must be present; otherwise the first offender fails.
  void expect_keys(std::initializer_list<std::string_view> required,
                   std::initializer_list<std::string_view> optional) const;
  ProfileField at(std::string_view key) const;  // fails when absent
  std::optional<ProfileField> find(std::string_view key) const;
  // Entries in document order: (key text, value). Fails on non-mappings.
  std::vector<std::pair<std::string, ProfileField>> entries() const;

  // Scalars.
  std::string text() const;                  // a non-empty string
  std::vector<std::string> text_list() const;  // a list of non-empty strings (may be empty)
  std::int64_t integer(std::int64_t minimum, std::int64_t maximum = INT64_MAX) const;
  double positive_number() const;            // finite and > 0

 private:
  ProfileField(YAML::Node node, std::string key, YAML::Mark mark, std::string file);
  ProfileField child(const std::string& child_key, const YAML::Node& key_node, const YAML::Node& value) const;
  void require_map() const;
  std::string scalar(std::string_view expected) const;

  YAML::Node node_;
  std::string key_;   // dotted path; "" at the root
  YAML::Mark mark_;   // where to point in messages
  std::string file_;
};

// A `peak_tflops` mapping: precision name -> positive TFLOP/s. Unknown names
// fail with the list of known ones; an empty mapping is allowed here.
std::map<Precision, double> read_peak_tflops(const ProfileField& field);

// "YYYY-MM-DD" (the date `kevo calibrate` ran), checked for shape only.
bool looks_like_date(const std::string& text);

}  // namespace kevo::fitness::hardware::detail
