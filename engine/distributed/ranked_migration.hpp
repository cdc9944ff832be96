#pragma once
// RankedMigration: migration between islands spread over ranks. Islands have
// campaign-wide ids (rank r runs r * islands_per_rank ...); a migrant for an
// island of this rank goes to its mailbox directly, one for another rank is
// serialized and posted through the Messenger. Migrants are tagged with their
// task: ranks move through the task list at their own pace, so a migrant may
// arrive before its task starts here (it waits) or after it ended (dropped).
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/archipelago/transport.hpp"
#include "engine/distributed/messenger.hpp"
#include "engine/distributed/rank_layout.hpp"

namespace kevo::engine {

class RankedMigration {
 public:
  RankedMigration(Messenger& messenger, RankLayout layout);
  // A Transport over all ranks' islands for one task.
  std::unique_ptr<Transport> for_task(const std::string& task);
  // Drops what waits for a task this rank has finished.
  void task_done(const std::string& task);
  int remote_sent() const;
  int remote_received() const;

 private:
  friend class TaskTransport;
  void send(const std::string& task, int to_island, std::vector<Migrant> migrants);
  std::vector<Migrant> receive(const std::string& task, int island);
  void pull_locked();

  Messenger& messenger_;
  RankLayout layout_;
  mutable std::mutex mutex_;
  std::map<std::string, std::map<int, std::vector<Migrant>>> waiting_;  // task -> island -> migrants
  std::vector<std::string> finished_;
  int remote_sent_ = 0;
  int remote_received_ = 0;
};

}  // namespace kevo::engine
