#include "engine/repair_queue.hpp"

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

}  // namespace kevo::engine
