#include "engine/evaluation_service.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

namespace kevo::engine {

EvaluationService::EvaluationService(std::unique_ptr<fitness::Evaluator> evaluator, RunStore& store,
                                     fitness::CounterPolicy counters, Log log)
    : evaluator_(std::move(evaluator)),
      store_(store),
      counters_(evaluator_->reads_counters() ? counters : fitness::CounterPolicy::off),
      log_(std::move(log)),
      device_id_(evaluator_->device_id()) {}

std::optional<fitness::pytorch::TorchBaseline> EvaluationService::torch_baseline() {
  std::lock_guard device(device_mutex_);  // PyTorch's timed runs must not overlap ours
  return evaluator_->torch_baseline();
}

// Called with the device held. The counters explain times already measured:
// a failure to read them never changes an evaluation's verdict.
void EvaluationService::read_counters(const std::vector<population::Variant>& variants,
                                      std::vector<population::Evaluation>& evaluations, bool profile_all) {
  if (counters_ == fitness::CounterPolicy::off) return;
  std::vector<std::size_t> chosen;
  for (std::size_t i = 0; i < evaluations.size(); ++i) {
    if (evaluations[i].ok() && evaluations[i].bench_seconds()) chosen.push_back(i);
  }
  if (counters_ == fitness::CounterPolicy::best && !profile_all && chosen.size() > 1) {
    const auto fastest = std::min_element(chosen.begin(), chosen.end(), [&](std::size_t a, std::size_t b) {
      return *evaluations[a].bench_seconds() < *evaluations[b].bench_seconds();
    });
    chosen = {*fastest};
  }
  for (const std::size_t i : chosen) {
    const std::string why_not = evaluator_->profile(variants[i], evaluations[i]);
    if (why_not.empty()) continue;
    std::lock_guard lock(memory_mutex_);
    // A device without counters gives the same reason every time: say it once.
    if (why_not != last_counter_failure_ && log_) {
      log_("no hardware counters for " + variants[i].content_hash() + ": " + why_not);
    }
    last_counter_failure_ = why_not;
  }
}

std::optional<population::Evaluation> EvaluationService::known(const std::string& variant_id) {
  {
    std::lock_guard lock(memory_mutex_);
    if (auto it = session_.find(variant_id); it != session_.end()) return it->second;
  }
  return store_.find_evaluation(variant_id, device_id_);
}

std::vector<ServiceResult> EvaluationService::evaluate(const std::vector<population::Variant>& variants,
                                                       bool profile_all) {
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
  read_counters(to_run, evaluations, profile_all);
  std::lock_guard memory(memory_mutex_);
  for (std::size_t k = 0; k < slots.size(); ++k) {
    session_[evaluations[k].variant_id] = evaluations[k];
    results[slots[k]] = {std::move(evaluations[k]), true};
  }
  return results;
}

}  // namespace kevo::engine
