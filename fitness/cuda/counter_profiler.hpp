#pragma once
// Hardware counters of a launch plan, read with CUPTI's range profiler
// inside kevo-worker: one range per kernel launch (auto range), each kernel
// replayed by CUPTI as many times as the metrics need (kernel replay, which
// restores device memory between passes). The runs it makes are its own:
// nothing here is timed, and the timed runs never run under the profiler.
//
// CUPTI is loaded on first use; a worker where it is missing or not allowed
// to read counters throws CuptiUnavailable, which the runner reports as
// "unsupported" and the engine as "no counters on this device", never as a
// fault of the kernel.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "fitness/cuda/cupti_api.hpp"
#include "population/counter_profile.hpp"

namespace kevo::fitness::cuda {

class CounterProfiler {
 public:
  // `ordinal` is the CUDA device index CUPTI asks the chip name for; the
  // context must be current on the calling thread.
  CounterProfiler(CUcontext context, int ordinal);
  ~CounterProfiler();
  CounterProfiler(const CounterProfiler&) = delete;
  CounterProfiler& operator=(const CounterProfiler&) = delete;

  const std::string& chip() const { return chip_; }

  // Runs `launch` (the plan's launches, in order, synchronised) once under
  // the profiler and returns each launch's metric values, named after
  // `kernels` (CUPTI's auto ranges are numbered in launch order).
  population::CounterProfile profile(const std::vector<std::string>& metrics, const std::function<void()>& launch,
                                     const std::vector<std::string>& kernels);

 private:
  const MetricConfig& config(const std::vector<std::string>& metrics);

  std::unique_ptr<CuptiApi> api_;
  CUcontext context_;
  std::string chip_;
  std::vector<std::uint8_t> availability_;
  std::map<std::vector<std::string>, std::unique_ptr<MetricConfig>> configs_;
};

}  // namespace kevo::fitness::cuda
