#pragma once
// Shared set-up for engine tests: a temporary run folder, a campaign over the
// engine_axpy test task, and a Context pointing at the built kevo-worker.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "engine/campaign/campaign.hpp"
#include "engine/campaign/campaign_config.hpp"
#include "engine/progress.hpp"
#include "fitness/context.hpp"

namespace kevo::test {

class TempFolder {
 public:
  TempFolder() {
    std::random_device device;
    path_ = std::filesystem::temp_directory_path() / ("kevo-engine-test-" + std::to_string(device()));
    std::filesystem::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline engine::CampaignConfig small_campaign(const std::filesystem::path& root, const std::string& name) {
  engine::CampaignConfig config = engine::parse_campaign(
      "name: " + name + "\ntasks: [engine_axpy]\nbudget: {evaluations: 12}\n", "<test>");
  config.run_dir = root / name;
  config.task_dir = std::filesystem::path(KEVO_TEST_DATA_DIR) / "tasks";
  config.cache_dir = root / "cache";
  config.islands = 2;
  config.search.population_size = 4;
  config.search.children_per_generation = 3;
  config.protocol.samples = 3;
  config.protocol.warmup = 1;
  return config;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline fitness::Context test_context(const std::filesystem::path& cache_dir) {
  fitness::Context context;
  context.cache_dir = cache_dir;
  std::filesystem::create_directories(cache_dir);
  context.worker_executable = KEVO_WORKER_PATH;
  return context;
}

inline engine::CampaignOutcome run_quietly(const engine::CampaignConfig& config,
                                           engine::RunMode mode = engine::RunMode::fresh) {
  std::ostringstream sink;
  engine::Progress progress(sink, false);
  std::atomic<bool> stop{false};
  return engine::run_campaign(config, test_context(config.cache_dir), progress, stop, mode);
}

}  // namespace kevo::test
