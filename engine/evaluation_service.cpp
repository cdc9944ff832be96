#include "engine/evaluation_service.hpp"

#include <chrono>
#include <thread>

namespace kevo::engine {

EvaluationService::EvaluationService(std::unique_ptr<fitness::Evaluator> evaluator, RunStore& store)
    : evaluator_(std::move(evaluator)), store_(store), device_id_(evaluator_->device_id()) {}

std::optional<population::Evaluation> EvaluationService::known(const std::string& variant_id) {
  {
    std::lock_guard lock(memory_mutex_);
    if (auto it = session_.find(variant_id); it != session_.end()) return it->second;
  }
  return store_.find_evaluation(variant_id, device_id_);
}

std::vector<ServiceResult> EvaluationService::evaluate(const std::vector<population::Variant>& variants) {
  std::vector<ServiceResult> results(variants.size());
  std::lock_guard device(device_mutex_);
  std::vector<population::Variant> to_run;
  std::vector<std::size_t> slots;
  {
    std::lock_guard memory(memory_mutex_);
    for (std::size_t i = 0; i < variants.size(); ++i) {
      if (auto it = session_.find(variants[i].content_hash()); it != session_.end()) {
        results[i] = {it->second, false};
      } else {
        to_run.push_back(variants[i]);
        slots.push_back(i);
      }
    }
  }
  if (to_run.empty()) return results;
  if (delay_seconds_ > 0)
    std::this_thread::sleep_for(std::chrono::duration<double>(delay_seconds_ * static_cast<double>(to_run.size())));
  auto evaluations = evaluator_->evaluate(to_run);
  std::lock_guard memory(memory_mutex_);
  for (std::size_t k = 0; k < slots.size(); ++k) {
    session_[evaluations[k].variant_id] = evaluations[k];
    results[slots[k]] = {std::move(evaluations[k]), true};
  }
  return results;
}

}  // namespace kevo::engine
