#include "operators/strategy/strategy_catalogue.hpp"

#include <yaml-cpp/yaml.h>

#include <set>

namespace kevo::operators::strategy {

namespace {

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
    throw CatalogueError(file_ + ": key '" + key + "': " + problem);
  }

  void allow(const YAML::Node& node, const std::string& key, std::set<std::string> known) const {
    if (!node.IsMap()) fail(key, "expected a mapping");
    for (const auto& entry : node) {
      const std::string name = entry.first.as<std::string>();
      if (known.count(name) == 0) fail(key + "." + name, "unknown key");
    }
  }

  std::string text(const YAML::Node& node, const std::string& key) const {
    if (!node || !node.IsScalar() || node.as<std::string>().empty()) fail(key, "missing or empty");
    return node.as<std::string>();
  }

 private:
  std::string file_;
};

}  // namespace

StrategyCatalogue StrategyCatalogue::load(const std::filesystem::path& file) {
  const Reader reader(file.string());
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::Exception& error) {
    throw CatalogueError(file.string() + ": " + error.what());
  }
  reader.allow(root, "(document)", {"families"});
  const YAML::Node families = root["families"];
  if (!families || !families.IsSequence() || families.size() == 0) reader.fail("families", "expected a non-empty list");
  std::vector<StrategyFamily> result;
  for (std::size_t f = 0; f < families.size(); ++f) {
    const std::string key = "families[" + std::to_string(f) + "]";
    reader.allow(families[f], key, {"name", "description", "strategies"});
    StrategyFamily family{reader.text(families[f]["name"], key + ".name"),
                          reader.text(families[f]["description"], key + ".description"), {}};
    const YAML::Node strategies = families[f]["strategies"];
    if (!strategies || !strategies.IsSequence() || strategies.size() == 0) {
      reader.fail(key + ".strategies", "expected a non-empty list");
    }
    for (std::size_t s = 0; s < strategies.size(); ++s) {
      const std::string skey = key + ".strategies[" + std::to_string(s) + "]";
      reader.allow(strategies[s], skey, {"name", "description"});
      family.strategies.push_back({reader.text(strategies[s]["name"], skey + ".name"), family.name,
                                   reader.text(strategies[s]["description"], skey + ".description")});
    }
    result.push_back(std::move(family));
  }
  try {
    return from_families(std::move(result));
  } catch (const CatalogueError& error) {
    throw CatalogueError(file.string() + ": " + error.what());
  }
}

StrategyCatalogue StrategyCatalogue::from_families(std::vector<StrategyFamily> families) {
  std::set<std::string> seen;
  for (const StrategyFamily& family : families) {
    if (family.strategies.empty()) throw CatalogueError("family '" + family.name + "' has no strategies");
    if (!seen.insert("family:" + family.name).second) throw CatalogueError("family '" + family.name + "' is named twice");
    for (const Strategy& strategy : family.strategies) {
      if (!seen.insert(strategy.name).second) {
        throw CatalogueError("strategy '" + strategy.name + "' is named twice");
      }
    }
  }
  StrategyCatalogue catalogue;
  catalogue.families_ = std::move(families);
  return catalogue;
}

const Strategy* StrategyCatalogue::find(const std::string& name) const {
  for (const StrategyFamily& family : families_) {
    for (const Strategy& strategy : family.strategies) {
      if (strategy.name == name) return &strategy;
    }
  }
  return nullptr;
}

}  // namespace kevo::operators::strategy
