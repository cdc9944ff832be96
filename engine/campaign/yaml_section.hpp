#pragma once
// YamlSection: one YAML mapping read strictly. Unknown keys and wrong types
// are ConfigErrors that name the file, position and dotted key, so every
// kevo config file (campaigns, experiments) fails the same clear way.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "engine/campaign/campaign_config.hpp"

namespace kevo::engine {

// The whole text of a config file; `what` names it in the error ("campaign file").
inline std::string read_config_file(const std::filesystem::path& file, const std::string& what) {
  std::ifstream in(file);
  if (!in) throw ConfigError(file.string() + ": cannot open the " + what + "; check the path");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class YamlSection {
 public:
  YamlSection(const YAML::Node& node, std::string path, const std::string& file, std::set<std::string> known)
      : node_(node), path_(std::move(path)), file_(file), known_(std::move(known)) {
    if (!node_.IsMap())
      fail(path_.empty() ? "(top level)" : path_, node_, "expected a mapping", "write 'key: value' lines");
    for (const auto& entry : node_) {
      const auto key = entry.first.as<std::string>();
      if (!known_.count(key)) fail(join(key), entry.first, "unknown key", "known keys are " + known_list());
    }
  }

  bool has(const std::string& key) const { return node_[key].IsDefined() && !node_[key].IsNull(); }
  YAML::Node child(const std::string& key) const { return node_[key]; }
  const YAML::Node& node() const { return node_; }
  std::string join(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  template <typename T>
  void read(const std::string& key, T& out) const {
    if (!has(key)) return;
    try {
      out = node_[key].as<T>();
    } catch (const YAML::Exception&) {
      fail(join(key), node_[key], "has the wrong type", "expected " + type_name<T>());
    }
  }

  template <typename T>
  void read_positive(const std::string& key, T& out) const {
    read(key, out);
    if (has(key) && out <= 0) fail(join(key), node_[key], "must be positive", "use a value above 0");
  }

  [[noreturn]] void fail(const std::string& key, const YAML::Node& at, const std::string& problem,
                         const std::string& fix) const {
    const auto mark = at.Mark();
    std::ostringstream line;
    line << file_ << ":" << mark.line + 1 << ":" << mark.column + 1 << ": key '" << key << "': " << problem
         << "; " << fix;
    throw ConfigError(line.str());
  }

 private:
  template <typename T>
  static std::string type_name() {
    if constexpr (std::is_same_v<T, std::string>) return "a string";
    else if constexpr (std::is_same_v<T, bool>) return "true or false";
    else if constexpr (std::is_floating_point_v<T>) return "a number";
    else if constexpr (std::is_integral_v<T>) return "an integer";
    else if constexpr (std::is_same_v<T, std::map<int, double>>) return "a map from rank to seconds";
    else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) return "a list of integers";
    else return "a list of strings";
  }
  std::string known_list() const {
    std::string list;
    for (const auto& key : known_) list += (list.empty() ? "" : ", ") + key;
    return list;
  }

  YAML::Node node_;
  std::string path_;
  std::string file_;
  std::set<std::string> known_;
};

}  // namespace kevo::engine
