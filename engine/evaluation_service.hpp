#pragma once
// EvaluationService: one device's evaluator, shared by the islands that run
// on it. Device runs are serialized (timings must not overlap), and results
// already known on this device, from this session or from the archive, are
// looked up instead of being measured twice.
//
// After a batch is measured it reads the hardware counters of the variants
// the protocol's CounterPolicy selects (the fastest of the batch, or all of a
// `profile_all` batch such as the seeds), in runs of their own, so their
// evaluations reach the archive with counters. A device that cannot read
// counters is said once in the log and not asked again.
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/run_store.hpp"
#include "fitness/evaluator.hpp"

namespace kevo::engine {

struct ServiceResult {
  population::Evaluation evaluation;
  bool fresh = true;  // false: another island had it measured while this one waited
};

class EvaluationService {
 public:
  using Log = std::function<void(const std::string&)>;
  EvaluationService(std::unique_ptr<fitness::Evaluator> evaluator, RunStore& store,
                    fitness::CounterPolicy counters = fitness::CounterPolicy::off, Log log = {});

  const std::string& device_id() const { return device_id_; }
  bool runs(population::Language language) const { return evaluator_->runs(language); }
  bool runs_seed(const fitness::SeedSpec& seed) const { return evaluator_->runs_seed(seed); }
  // Seconds added to every fresh evaluation, as if the device were slower
  // (distributed.evaluation_delay_seconds).
  void slow_down(double seconds_per_evaluation) { delay_seconds_ = seconds_per_evaluation; }
  std::optional<population::Evaluation> known(const std::string& variant_id);
  // Results in the order of `variants`. A variant measured by another island
  // while this call waited for the device is not run again.
  std::vector<ServiceResult> evaluate(const std::vector<population::Variant>& variants, bool profile_all = false);
  // PyTorch's own times for the task, on this device (fitness::Evaluator::torch_baseline).
  std::optional<fitness::pytorch::TorchBaseline> torch_baseline();

 private:
  void read_counters(const std::vector<population::Variant>& variants,
                     std::vector<population::Evaluation>& evaluations, bool profile_all);

  std::unique_ptr<fitness::Evaluator> evaluator_;
  RunStore& store_;
  fitness::CounterPolicy counters_;
  Log log_;
  std::string last_counter_failure_;  // logged once per distinct reason
  std::string device_id_;
  double delay_seconds_ = 0;
  std::mutex device_mutex_;
  std::mutex memory_mutex_;
  std::unordered_map<std::string, population::Evaluation> session_;
};

}  // namespace kevo::engine
