#include "engine/distributed/ranked_migration.hpp"

#include <algorithm>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "population/serialization.hpp"

namespace kevo::engine {

class TaskTransport final : public Transport {
 public:
  TaskTransport(RankedMigration& migration, std::string task) : migration_(migration), task_(std::move(task)) {}
  void send(int to_island, std::vector<Migrant> migrants) override {
    migration_.send(task_, to_island, std::move(migrants));
  }
  std::vector<Migrant> receive(int island) override { return migration_.receive(task_, island); }
  int island_count() const override { return migration_.layout_.global_islands(); }

 private:
  RankedMigration& migration_;
  std::string task_;
};

RankedMigration::RankedMigration(Messenger& messenger, RankLayout layout) : messenger_(messenger), layout_(layout) {}

std::unique_ptr<Transport> RankedMigration::for_task(const std::string& task) {
  return std::make_unique<TaskTransport>(*this, task);
}

void RankedMigration::task_done(const std::string& task) {
  const std::lock_guard lock(mutex_);
  finished_.push_back(task);
  waiting_.erase(task);
}

void RankedMigration::send(const std::string& task, int to_island, std::vector<Migrant> migrants) {
  if (to_island < 0 || to_island >= layout_.global_islands())
    throw std::out_of_range("migration: island " + std::to_string(to_island) + " out of range (" +
                            std::to_string(layout_.global_islands()) + " islands)");
  if (migrants.empty()) return;
  const int to_rank = layout_.rank_of_island(to_island);
  const std::lock_guard lock(mutex_);
  if (to_rank == layout_.rank) {
    auto& box = waiting_[task][to_island];
    box.insert(box.end(), std::make_move_iterator(migrants.begin()), std::make_move_iterator(migrants.end()));
    return;
  }
  nlohmann::json batch = {{"task", task}, {"to", to_island}, {"migrants", nlohmann::json::array()}};
  for (const auto& migrant : migrants) batch["migrants"].push_back({{"from", migrant.from_island}, {"variant", migrant.variant}});
  messenger_.post(to_rank, Channel::migrants, batch.dump());
  remote_sent_ += static_cast<int>(migrants.size());
}

std::vector<Migrant> RankedMigration::receive(const std::string& task, int island) {
  const std::lock_guard lock(mutex_);
  pull_locked();
  std::vector<Migrant> arrived;
  auto found = waiting_.find(task);
  if (found != waiting_.end()) arrived.swap(found->second[island]);
  return arrived;
}

void RankedMigration::pull_locked() {
  for (const Message& message : messenger_.take(Channel::migrants)) {
    const auto batch = nlohmann::json::parse(message.payload);
    const auto task = batch.at("task").get<std::string>();
    if (std::find(finished_.begin(), finished_.end(), task) != finished_.end()) continue;
    auto& box = waiting_[task][batch.at("to").get<int>()];
    for (const auto& migrant : batch.at("migrants")) {
      box.push_back({migrant.at("from").get<int>(), migrant.at("variant").get<population::Variant>()});
      ++remote_received_;
    }
  }
}

int RankedMigration::remote_sent() const {
  const std::lock_guard lock(mutex_);
  return remote_sent_;
}

int RankedMigration::remote_received() const {
  const std::lock_guard lock(mutex_);
  return remote_received_;
}

}  // namespace kevo::engine
