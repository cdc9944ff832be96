#pragma once
// RunStore: the run's archive as the engine uses it. Islands on several
// threads share it; access is serialized, and each island generation is
// committed in one transaction (variants, evaluations, island state, budget),
// so kill -9 loses at most the generations in flight.
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "population/archive.hpp"

namespace kevo::engine {

struct GenerationRecord {
  std::vector<population::Variant> variants;
  std::vector<population::Evaluation> evaluations;
  std::vector<std::pair<std::string, nlohmann::json>> state;  // key -> value, e.g. island state
};

class RunStore {
 public:
  explicit RunStore(const std::filesystem::path& archive_path);

  std::optional<population::Evaluation> find_evaluation(const std::string& variant_id,
                                                        const std::string& device_id);
  std::optional<population::Variant> find_variant(const std::string& variant_id);
  std::optional<nlohmann::json> state(const std::string& key);
  void commit(const GenerationRecord& record);
  // Written at once, outside generation commits (see Archive::put_exchange).
  void record_exchange(const population::Exchange& exchange);

  // For reports and tests; the caller must not hold it across island work.
  template <typename F>
  auto with_archive(F&& f) {
    std::lock_guard lock(mutex_);
    return f(archive_);
  }

 private:
  std::mutex mutex_;
  population::Archive archive_;
};

}  // namespace kevo::engine
