#include "operators/bandit/bandit_memory.hpp"

#include <unistd.h>

#include <fstream>
#include <map>
#include <stdexcept>
#include <tuple>

namespace kevo::operators::bandit {

using nlohmann::json;

json arms_to_json(const std::vector<LearnedArm>& arms) {
  json rows = json::array();
  for (const LearnedArm& arm : arms) {
    rows.push_back({{"hardware", arm.context.hardware},
                    {"bound", arm.context.bound},
                    {"family", arm.family},
                    {"strategy", arm.strategy},
                    {"tries", arm.statistics.tries},
                    {"reward_sum", arm.statistics.reward_sum},
                    {"successes", arm.statistics.successes}});
  }
  return {{"version", 1}, {"arms", rows}};
}

std::vector<LearnedArm> arms_from_json(const json& in) {
  std::vector<LearnedArm> arms;
  try {
    if (in.at("version").get<int>() != 1) throw std::runtime_error("unknown bandit memory version");
    for (const json& row : in.at("arms")) {
      LearnedArm arm;
      arm.context = {row.at("hardware").get<std::string>(), row.at("bound").get<std::string>()};
      arm.family = row.at("family").get<std::string>();
      arm.strategy = row.at("strategy").get<std::string>();
      arm.statistics = {row.at("tries").get<double>(), row.at("reward_sum").get<double>(),
                        row.at("successes").get<double>()};
      if (arm.statistics.tries < 0 || arm.statistics.reward_sum < 0 || arm.statistics.successes < 0) {
        throw std::runtime_error("negative counts for strategy " + arm.strategy);
      }
      arms.push_back(std::move(arm));
    }
  } catch (const json::exception& error) {
    throw std::runtime_error(std::string("malformed bandit memory: ") + error.what());
  }
  return arms;
}

std::vector<LearnedArm> merge_arms(const std::vector<LearnedArm>& a, const std::vector<LearnedArm>& b) {
  std::map<std::tuple<std::string, std::string, std::string>, LearnedArm> merged;
  for (const auto* list : {&a, &b}) {
    for (const LearnedArm& arm : *list) {
      const auto key = std::make_tuple(arm.context.hardware, arm.context.bound, arm.strategy);
      auto [at, fresh] = merged.try_emplace(key, arm);
      if (!fresh) at->second.statistics += arm.statistics;
    }
  }
  std::vector<LearnedArm> rows;
  for (auto& [key, arm] : merged) rows.push_back(std::move(arm));
  return rows;
}

std::vector<LearnedArm> load_memory(const std::filesystem::path& file) {
  std::error_code error;
  if (!std::filesystem::exists(file, error)) return {};
  std::ifstream in(file);
  try {
    return arms_from_json(json::parse(in));
  } catch (const std::exception& problem) {
    throw std::runtime_error(file.string() + ": " + problem.what() + "; fix or delete the file");
  }
}

void save_memory(const std::filesystem::path& file, const std::vector<LearnedArm>& arms) {
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  const std::filesystem::path temporary = file.string() + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temporary);
    out << arms_to_json(arms).dump(2) << "\n";
    if (!out) throw std::runtime_error("cannot write " + temporary.string());
  }
  std::filesystem::rename(temporary, file);
}

}  // namespace kevo::operators::bandit
