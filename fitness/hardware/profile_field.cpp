#include "fitness/hardware/profile_field.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "fitness/hardware/profile_error.hpp"

namespace kevo::fitness::hardware::detail {

namespace {

int one_based(int zero_based) { return std::max(zero_based, 0) + 1; }

std::string child_path(const std::string& parent, const std::string& child) {
  return parent.empty() ? child : parent + "." + child;
}

std::string join_quoted(std::initializer_list<std::string_view> a, std::initializer_list<std::string_view> b) {
  std::string joined;
  for (auto list : {a, b}) {
    for (std::string_view name : list) joined += (joined.empty() ? "" : ", ") + std::string(name);
  }
  return joined;
}

bool contains(std::initializer_list<std::string_view> list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return "'" + node.Scalar() + "'";
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: break;
  }
  return "nothing";
}

[[noreturn]] void fail_at(const std::string& file, const YAML::Mark& mark, const std::string& key,
                          const std::string& problem, const std::string& fix) {
  std::string message = file + ":" + std::to_string(one_based(mark.line)) + ":" +
                        std::to_string(one_based(mark.column)) + ": key '" + key + "': " + problem + "; " + fix;
  // One line, whatever the pieces quote.
  std::replace(message.begin(), message.end(), '\n', ' ');
  std::replace(message.begin(), message.end(), '\r', ' ');
  throw ProfileError(message);
}

}  // namespace

ProfileField::ProfileField(YAML::Node node, std::string key, YAML::Mark mark, std::string file)
    : node_(std::move(node)), key_(std::move(key)), mark_(mark), file_(std::move(file)) {}

ProfileField ProfileField::load(const std::filesystem::path& path) {
  const std::string file = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ProfileError(file + ": cannot read the file");
  std::ostringstream text;
  text << in.rdbuf();
  YAML::Node root;
  try {
    root = YAML::Load(text.str());
  } catch (const YAML::ParserException& error) {
    fail_at(file, error.mark, "(document)", "malformed YAML: " + error.msg, "fix the YAML syntax");
  }
  ProfileField field(root, "", root.Mark(), file);
  if (!root.IsMap()) {
    field.fail("the file holds " + describe(root) + ", not a mapping",
               "write 'key: value' lines (see hardware_profiles/h100_sxm.yaml)");
  }
  return field;
}

int ProfileField::line() const { return one_based(mark_.line); }

void ProfileField::fail(const std::string& problem, const std::string& fix) const {
  fail_at(file_, mark_, key_.empty() ? "(document)" : key_, problem, fix);
}

ProfileField ProfileField::child(const std::string& child_key, const YAML::Node& key_node,
                                 const YAML::Node& value) const {
  // An empty value ("arch:") has the mark of whatever follows it; the key is
  // where the reader should look.
  const YAML::Mark mark = value.IsNull() ? key_node.Mark() : value.Mark();
  return ProfileField(value, child_path(key_, child_key), mark, file_);
}

void ProfileField::require_map() const {
  if (!node_.IsMap()) fail("expected a mapping, found " + describe(node_), "write 'key: value' entries");
}

void ProfileField::expect_keys(std::initializer_list<std::string_view> required,
                               std::initializer_list<std::string_view> optional) const {
  require_map();
  std::set<std::string> seen;
  for (const auto& entry : node_) {
    const YAML::Node& key_node = entry.first;
    const std::string name = key_node.IsScalar() ? key_node.Scalar() : "";
    const ProfileField at_key(key_node, child_path(key_, name), key_node.Mark(), file_);
    if (!key_node.IsScalar()) at_key.fail("a key must be a plain name", "use one of: " + join_quoted(required, optional));
    if (!contains(required, name) && !contains(optional, name)) {
      at_key.fail("unknown key", "use one of: " + join_quoted(required, optional));
    }
    if (!seen.insert(name).second) at_key.fail("the key appears twice", "keep one");
  }
  for (std::string_view name : required) {
    if (!seen.contains(std::string(name))) {
      ProfileField(node_, child_path(key_, std::string(name)), mark_, file_)
          .fail("missing", "add '" + std::string(name) + ": ...' (see hardware_profiles/h100_sxm.yaml)");
    }
  }
}

std::optional<ProfileField> ProfileField::find(std::string_view key) const {
  require_map();
  for (const auto& entry : node_) {
    if (entry.first.IsScalar() && entry.first.Scalar() == key) return child(std::string(key), entry.first, entry.second);
  }
  return std::nullopt;
}

ProfileField ProfileField::at(std::string_view key) const {
  if (auto found = find(key)) return *found;
  ProfileField(node_, child_path(key_, std::string(key)), mark_, file_)
      .fail("missing", "add '" + std::string(key) + ": ...'");
}

std::vector<std::pair<std::string, ProfileField>> ProfileField::entries() const {
  require_map();
  std::vector<std::pair<std::string, ProfileField>> result;
  std::set<std::string> seen;
  for (const auto& entry : node_) {
    const std::string name = entry.first.IsScalar() ? entry.first.Scalar() : "";
    const ProfileField at_key(entry.first, child_path(key_, name), entry.first.Mark(), file_);
    if (!entry.first.IsScalar()) at_key.fail("a key must be a plain name", "write 'name: value'");
    if (!seen.insert(name).second) at_key.fail("the key appears twice", "keep one");
    result.emplace_back(name, child(name, entry.first, entry.second));
  }
  return result;
}

std::string ProfileField::scalar(std::string_view expected) const {
  if (!node_.IsScalar() || node_.Scalar().empty()) {
    fail("expected " + std::string(expected) + ", found " + describe(node_), "write " + std::string(expected));
  }
  return node_.Scalar();
}

std::string ProfileField::text() const { return scalar("a non-empty string"); }

std::vector<std::string> ProfileField::text_list() const {
  if (!node_.IsSequence()) fail("expected a list, found " + describe(node_), "write [\"a\", \"b\"] or []");
  std::vector<std::string> result;
  for (std::size_t i = 0; i < node_.size(); ++i) {
    const YAML::Node item = node_[i];
    result.push_back(ProfileField(item, key_ + "[" + std::to_string(i) + "]", item.Mark(), file_).text());
  }
  return result;
}

std::int64_t ProfileField::integer(std::int64_t minimum, std::int64_t maximum) const {
  const std::string text = scalar("an integer");
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    fail("'" + text + "' is not an integer", "write a whole number of units, e.g. 52428800");
  }
  if (value < minimum) fail(text + " is below the minimum " + std::to_string(minimum), "fix the value");
  if (value > maximum) fail(text + " is above the maximum " + std::to_string(maximum), "fix the value");
  return value;
}

double ProfileField::positive_number() const {
  const std::string text = scalar("a number");
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    fail("'" + text + "' is not a finite number", "write a number, e.g. 3350 or 494.7");
  }
  if (value <= 0) fail(text + " is not positive", "write the rate or size, which is above zero");
  return value;
}

std::map<Precision, double> read_peak_tflops(const ProfileField& field) {
  std::map<Precision, double> peaks;
  for (const auto& [name, value] : field.entries()) {
    Precision precision{};
    try {
      precision = parse_precision(name);
    } catch (const std::invalid_argument&) {
      value.fail("unknown precision", "use one of: " + known_precisions());
    }
    peaks[precision] = value.positive_number();
  }
  return peaks;
}

bool looks_like_date(const std::string& text) {
  static constexpr std::string_view kShape = "dddd-dd-dd";
  if (text.size() != kShape.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool digit = text[i] >= '0' && text[i] <= '9';
    if (kShape[i] == 'd' ? !digit : text[i] != '-') return false;
  }
  return true;
}

}  // namespace kevo::fitness::hardware::detail
