#include "engine/repair_queue.hpp"

#include <stdexcept>

#include "operators/llm/llm_repair.hpp"
#include "operators/registry.hpp"

namespace kevo::engine {

void RepairQueue::observe(const std::vector<Individual>& measured) {
  for (const Individual& child : measured) {
    if (child.evaluation.ok() || !operators::is_llm_operator(child.variant.lineage.operator_name)) continue;
    const auto line = lines_.find(child.id);
    const Line known = line == lines_.end() ? Line{} : line->second;
    if (operators::llm::worth_repairing(child.evaluation, known.rounds, max_rounds_, known.parent_error)) {
      waiting_.push_back(child);
    }
  }
}

std::vector<Individual> RepairQueue::take(int count) {
  std::vector<Individual> now;
  while (!waiting_.empty() && static_cast<int>(now.size()) < count) {
    now.push_back(std::move(waiting_.front()));
    waiting_.pop_front();
  }
  return now;
}

void RepairQueue::expect(const std::string& child_id, const Individual& failed) {
  const auto line = lines_.find(failed.id);
  const int rounds = line == lines_.end() ? 0 : line->second.rounds;
  lines_[child_id] = {rounds + 1, failed.evaluation.error};
}

nlohmann::json RepairQueue::to_json() const {
  nlohmann::json waiting = nlohmann::json::array();
  for (const Individual& child : waiting_) waiting.push_back(child.id);
  nlohmann::json lines = nlohmann::json::object();
  for (const auto& [id, line] : lines_) lines[id] = {{"rounds", line.rounds}, {"parent_error", line.parent_error}};
  return {{"waiting", waiting}, {"lines", lines}};
}

void RepairQueue::restore(const nlohmann::json& state, const Find& find) {
  waiting_.clear();
  lines_.clear();
  for (const auto& [id, line] : state.at("lines").items())
    lines_[id] = {line.at("rounds").get<int>(), line.at("parent_error").get<std::string>()};
  for (const auto& id_json : state.at("waiting")) {
    const auto id = id_json.get<std::string>();
    auto child = find(id);
    if (!child) throw std::runtime_error("repair queue: waiting child " + id + " is missing from the archive");
    waiting_.push_back(std::move(*child));
  }
}

}  // namespace kevo::engine
