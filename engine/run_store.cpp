#include "engine/run_store.hpp"

namespace kevo::engine {

RunStore::RunStore(const std::filesystem::path& archive_path) : archive_(archive_path) {}

std::optional<population::Evaluation> RunStore::find_evaluation(const std::string& variant_id,
                                                                const std::string& device_id) {
  std::lock_guard lock(mutex_);
  return archive_.find_evaluation(variant_id, device_id);
}

std::optional<population::Variant> RunStore::find_variant(const std::string& variant_id) {
  std::lock_guard lock(mutex_);
  return archive_.find_variant(variant_id);
}

std::optional<nlohmann::json> RunStore::state(const std::string& key) {
  std::lock_guard lock(mutex_);
  const auto text = archive_.get_state(key);
  if (!text) return std::nullopt;
  return nlohmann::json::parse(*text);
}

void RunStore::record_exchange(const population::Exchange& exchange) {
  std::lock_guard lock(mutex_);
  archive_.put_exchange(exchange);
}

void RunStore::commit(const GenerationRecord& record) {
  std::lock_guard lock(mutex_);
  population::Archive::Transaction transaction(archive_);
  for (const auto& variant : record.variants) archive_.put_variant(variant);
  for (const auto& evaluation : record.evaluations) archive_.put_evaluation(evaluation);
  for (const auto& [key, value] : record.state) archive_.put_state(key, value.dump());
  transaction.commit();
}

}  // namespace kevo::engine
