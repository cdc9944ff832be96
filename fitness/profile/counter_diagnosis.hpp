#pragma once
// What limits a profiled kernel, read from its hardware counters: a ranked
// list of limiters, each with a line of evidence and what usually helps,
// and a finer bound than the roofline's three ("memory/uncoalesced",
// "latency/occupancy", ...). The LLM prompt shows the lines; the strategy
// bandit uses the finer bound as its context, so what pays off on an
// uncoalesced kernel is learned apart from what pays off on one at the
// DRAM roof.
#include <optional>
#include <string>
#include <vector>

#include "fitness/profile/counter_metrics.hpp"
#include "fitness/task.hpp"
#include "population/evaluation.hpp"

namespace kevo::fitness::profile {

struct Limiter {
  std::string key;       // "dram-bandwidth", "cache-bandwidth", "sm-throughput", "excess-traffic",
                         // "uncoalesced", "bank-conflicts", "spills", "occupancy", "idle-units"
  double severity = 0;   // 0..1: how much of the kernel's time it plausibly explains; ranks the list
  std::string text;      // one line: the evidence and the usual remedy
};

struct CounterDiagnosis {
  MeasuredCounters counters;
  double formula_bytes = 0;       // the task's bytes formula at the bench size; 0 when it has none
  double traffic_ratio = 0;       // measured DRAM bytes / formula bytes; 0 without a formula
  std::string bound;              // "memory", "compute" or "latency": the evaluation's roofline bound
                                  // (at measured bytes); from the busy units for a bare profile
  std::vector<Limiter> limiters;  // most severe first; never empty
  // "memory/uncoalesced": the bound and the first limiter's key.
  std::string finer_bound() const;
};

// DRAM traffic this far above the task's formula means bytes are moved that
// the computation does not need (uncoalesced, repeated or strided access).
inline constexpr double kExcessTrafficRatio = 1.5;

CounterDiagnosis diagnose(const population::CounterProfile& profile, double formula_bytes,
                          const std::optional<population::KernelResources>& resources);

// The diagnosis of a profiled evaluation (the task's bytes formula at its
// bench size, its roofline bound); nullopt when it was not profiled.
std::optional<CounterDiagnosis> diagnose(const population::Evaluation& evaluation, const Task& task);

// The task's bytes formula at its bench size; 0 when it has none or overflows.
double formula_bytes(const Task& task);

// The bandit's context: the finer bound of a profiled evaluation, the
// roofline bound of any other.
std::string bandit_bound(const population::Evaluation& evaluation, const Task& task);

// Up to `lines` limiters as a numbered list, for prompts and reports.
std::string limiter_summary(const CounterDiagnosis& diagnosis, std::size_t lines);

}  // namespace kevo::fitness::profile
