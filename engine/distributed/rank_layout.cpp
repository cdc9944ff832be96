#include "engine/distributed/rank_layout.hpp"

#include <algorithm>
#include <stdexcept>

namespace kevo::engine {

std::string device_for_rank(const std::vector<std::string>& devices, const RankLayout& layout) {
  if (devices.empty()) throw std::invalid_argument("devices: the campaign lists no device");
  const std::string& device = devices[static_cast<std::size_t>(layout.rank) % devices.size()];
  if (device == "cuda:local") return "cuda:" + std::to_string(layout.local_rank);
  return device;
}

std::filesystem::path shard_path(const std::filesystem::path& run_dir, const RankLayout& layout) {
  if (!layout.distributed()) return run_dir / "archive.sqlite";
  return run_dir / "shards" / ("rank-" + std::to_string(layout.rank) + ".sqlite");
}

std::filesystem::path rank_log_path(const std::filesystem::path& run_dir, const RankLayout& layout) {
  return std::filesystem::path(shard_path(run_dir, layout)).replace_extension(".log");
}

bool is_sharded_run(const std::filesystem::path& run_dir) {
  return std::filesystem::is_directory(run_dir / "shards");
}

// Shards sort by rank number, not by name: rank-10 comes after rank-9.
std::vector<std::filesystem::path> run_archives(const std::filesystem::path& run_dir) {
  if (!is_sharded_run(run_dir)) return {run_dir / "archive.sqlite"};
  std::vector<std::pair<int, std::filesystem::path>> shards;
  for (const auto& entry : std::filesystem::directory_iterator(run_dir / "shards")) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("rank-", 0) != 0 || entry.path().extension() != ".sqlite") continue;
    shards.emplace_back(std::stoi(name.substr(5)), entry.path());
  }
  std::sort(shards.begin(), shards.end());
  std::vector<std::filesystem::path> paths;
  for (auto& [rank, path] : shards) paths.push_back(std::move(path));
  return paths;
}

}  // namespace kevo::engine
