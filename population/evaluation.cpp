#include "population/evaluation.hpp"

#include <algorithm>
#include <stdexcept>

namespace kevo::population {

std::string to_string(EvalStatus status) {
  switch (status) {
    case EvalStatus::ok: return "ok";
    case EvalStatus::compile_error: return "compile_error";
    case EvalStatus::wrong_result: return "wrong_result";
    case EvalStatus::crash: return "crash";
    case EvalStatus::timeout: return "timeout";
    case EvalStatus::rejected: return "rejected";
  }
  throw std::invalid_argument("unknown EvalStatus value " +
                              std::to_string(static_cast<int>(status)));
}

EvalStatus eval_status_from_string(const std::string& text) {
  for (const EvalStatus status : {EvalStatus::ok, EvalStatus::compile_error,
                                  EvalStatus::wrong_result, EvalStatus::crash,
                                  EvalStatus::timeout, EvalStatus::rejected}) {
    if (to_string(status) == text) return status;
  }
  throw std::invalid_argument("unknown evaluation status '" + text +
                              "' (expected ok, compile_error, wrong_result, crash, timeout or "
                              "rejected)");
}

KernelResources most_demanding(const std::vector<KernelResources>& steps) {
  KernelResources total;
  total.occupancy = steps.empty() ? 0 : 1.0;
  for (const KernelResources& r : steps) {
    total.registers_per_thread = std::max(total.registers_per_thread, r.registers_per_thread);
    total.shared_bytes_per_block = std::max(total.shared_bytes_per_block, r.shared_bytes_per_block);
    total.local_bytes_per_thread = std::max(total.local_bytes_per_thread, r.local_bytes_per_thread);
    total.occupancy = std::min(total.occupancy, r.occupancy);
  }
  return total;
}

double EvaluationCost::total() const {
  return inputs_seconds + reference_seconds + check_runs_seconds + timing_runs_seconds + verify_seconds;
}

EvaluationCost& EvaluationCost::operator+=(const EvaluationCost& other) {
  inputs_seconds += other.inputs_seconds;
  reference_seconds += other.reference_seconds;
  check_runs_seconds += other.check_runs_seconds;
  timing_runs_seconds += other.timing_runs_seconds;
  verify_seconds += other.verify_seconds;
  return *this;
}

std::optional<double> Evaluation::bench_seconds() const {
  if (timings.empty()) return std::nullopt;
  return timings.front().median_seconds;
}

}  // namespace kevo::population
