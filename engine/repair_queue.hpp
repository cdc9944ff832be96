#pragma once
// RepairQueue: an island's failed LLM children waiting for a repair round.
// It keeps, per line of repairs, how many rounds it has had and the error
// its last attempt repeated, so that a line ends after search.repair_rounds
// rounds or when a repair fails with its parent's error verbatim. Its state
// goes into the island's checkpoint, so a resumed run repairs what was
// waiting and keeps counting rounds where it left off.
#include <functional>
#include <optional>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/individual.hpp"

namespace kevo::engine {

class RepairQueue {
 public:
  explicit RepairQueue(int max_rounds) : max_rounds_(max_rounds) {}

  // Queues the measured LLM children that failed in a way worth a repair.
  void observe(const std::vector<Individual>& measured);
  // Up to `count` failed children to repair now, oldest first.
  std::vector<Individual> take(int count);
  // Records that `child_id` is a repair of `failed`: one more round on its line.
  void expect(const std::string& child_id, const Individual& failed);
  std::size_t waiting() const { return waiting_.size(); }

  nlohmann::json to_json() const;
  // `find` looks a waiting child up by id (in the archive); one that cannot
  // be found is an error naming it.
  using Find = std::function<std::optional<Individual>(const std::string& id)>;
  void restore(const nlohmann::json& state, const Find& find);

 private:
  struct Line {
    int rounds = 0;
    std::string parent_error;
  };
  int max_rounds_;
  std::deque<Individual> waiting_;
  std::map<std::string, Line> lines_;  // by repair child id
};

}  // namespace kevo::engine
