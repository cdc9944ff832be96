#pragma once
// The strategy catalogue (configs/strategies.yaml): families of optimization
// strategies, each with a description for prompts. It is data: adding a
// strategy is a YAML edit, and the bandit's arms are whatever it lists.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace kevo::operators::strategy {

struct Strategy {
  std::string name;
  std::string family;
  std::string description;
};

struct StrategyFamily {
  std::string name;
  std::string description;
  std::vector<Strategy> strategies;
};

// "<file>: key '<key>': <problem>"
struct CatalogueError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class StrategyCatalogue {
 public:
  // Strict: unknown keys, missing names or descriptions, empty families and
  // a strategy named twice are CatalogueErrors naming the file and key.
  static StrategyCatalogue load(const std::filesystem::path& file);
  static StrategyCatalogue from_families(std::vector<StrategyFamily> families);

  const std::vector<StrategyFamily>& families() const { return families_; }
  const Strategy* find(const std::string& name) const;  // nullptr when unknown

 private:
  std::vector<StrategyFamily> families_;
};

}  // namespace kevo::operators::strategy
