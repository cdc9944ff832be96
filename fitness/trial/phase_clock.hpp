#pragma once
// PhaseClock: adds the wall time of a scope to one EvaluationCost field, so a
// trial can say where its time went without threading timestamps through.
#include <chrono>

namespace kevo::fitness::trial {

class PhaseClock {
 public:
  explicit PhaseClock(double& seconds) : seconds_(seconds) {}
  ~PhaseClock() { seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }
  PhaseClock(const PhaseClock&) = delete;
  PhaseClock& operator=(const PhaseClock&) = delete;

 private:
  double& seconds_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace kevo::fitness::trial
