#include "fitness/profile/counter_diagnosis.hpp"

#include <algorithm>
#include <cstdio>

namespace kevo::fitness::profile {

namespace {

// A unit at 60% of its peak or more is what the kernel waits on (the same
// threshold Nsight Compute's speed-of-light section uses to call a unit busy).
constexpr double kBusy = 0.6;
// Below half the fetched bytes used, access is uncoalesced enough to matter.
constexpr double kPoorEfficiency = 0.5;
// Fewer than a quarter of the warp slots filled hides little latency.
constexpr double kLowOccupancy = 0.25;
constexpr double kConflictShare = 0.2;
// Local-memory traffic above 1% of DRAM traffic: spills worth removing.
constexpr double kSpillShare = 0.01;
constexpr double kSectorBytes = 32;

std::string format(const char* pattern, double a, double b = 0, double c = 0) {
  char text[256];
  std::snprintf(text, sizeof text, pattern, a, b, c);
  return text;
}

double pct(double fraction) { return 100 * fraction; }
double mb(double bytes) { return bytes / 1e6; }

// A pattern that wastes memory throughput ranks just above the busy memory
// unit it fills: the cause before the symptom.
double cause_of_busy_memory(const MeasuredCounters& m) {
  const double busiest = std::max(m.dram_throughput, m.memory_throughput);
  return busiest >= kBusy ? std::min(1.0, busiest + 0.01) : 0;
}

void busy_units(const CounterDiagnosis& d, std::vector<Limiter>& out) {
  const MeasuredCounters& m = d.counters;
  if (m.dram_throughput >= kBusy) {
    out.push_back({"dram-bandwidth", m.dram_throughput,
                   format("DRAM bandwidth at %.0f%% of peak: memory-bound; only moving fewer bytes (reuse, fusion, "
                          "narrower types) makes it faster",
                          pct(m.dram_throughput))});
  } else if (m.memory_throughput >= kBusy) {
    out.push_back({"cache-bandwidth", m.memory_throughput,
                   format("the cache hierarchy (L1/shared/L2) at %.0f%% of peak while DRAM is at %.0f%%: data is "
                          "re-read from caches; larger per-thread tiles reuse it from registers",
                          pct(m.memory_throughput), pct(m.dram_throughput))});
  }
  if (m.sm_throughput >= kBusy) {
    std::string text = format("SM throughput at %.0f%% of peak (FMA pipe %.0f%%, tensor pipe %.0f%%): compute-bound",
                              pct(m.sm_throughput), pct(m.fma_pipe), pct(m.tensor_pipe));
    if (m.tensor_pipe < 0.05 && m.fma_pipe >= 0.5) text += "; tensor cores are the next roof where the precision allows";
    out.push_back({"sm-throughput", m.sm_throughput, text});
  }
}

void access_patterns(const CounterDiagnosis& d, std::vector<Limiter>& out) {
  const MeasuredCounters& m = d.counters;
  if (d.traffic_ratio > kExcessTrafficRatio) {
    // Surplus DRAM bytes are the cause only where DRAM is what is busy.
    const double fills_dram = m.dram_throughput >= kBusy ? m.dram_throughput + 0.01 : 0;
    out.push_back({"excess-traffic", std::min(1.0, std::max(1 - 1 / d.traffic_ratio, fills_dram)),
                   format("DRAM traffic is %.1fx the task's formula (%.1f MB moved, %.1f MB needed): strided, "
                          "uncoalesced or repeated global access; coalesce it or stage reused data in shared memory",
                          d.traffic_ratio, mb(m.dram_bytes()), mb(d.formula_bytes))});
  }
  // Weighed by volume: a kernel that stores one float per row wastes most of
  // each stored sector, but those few kilobytes do not matter. A side whose
  // requested bytes read 0 while it moved sectors is left out: some
  // instructions (generic-address loads, wmma.load) are not counted there.
  double moved = 0, used = 0;
  std::string sides;
  if (m.global_load_bytes_requested > 0) {
    moved += m.global_load_sectors * kSectorBytes;
    used += m.global_load_bytes_requested;
    sides += format("loads use %.0f%%", pct(m.load_efficiency()));
  }
  if (m.global_store_bytes_requested > 0) {
    moved += m.global_store_sectors * kSectorBytes;
    used += m.global_store_bytes_requested;
    sides += (sides.empty() ? "" : ", ") + format("stores use %.0f%%", pct(m.store_efficiency()));
  }
  if (moved > 0 && used / moved < kPoorEfficiency) {
    // Uncoalesced access is the usual cause of surplus DRAM traffic: the more specific finding comes first.
    double severity = std::max(1 - used / moved, cause_of_busy_memory(m));
    for (const Limiter& found : out) {
      if (found.key == "excess-traffic") severity = std::min(1.0, std::max(severity, found.severity + 0.01));
    }
    out.push_back({"uncoalesced", severity,
                   "uncoalesced global access: " + sides +
                       " of the bytes they move through L1; make consecutive threads touch consecutive addresses "
                       "(transpose through shared memory if needed)"});
  }
  if (m.bank_conflict_share() > kConflictShare) {
    out.push_back({"bank-conflicts", std::max(std::min(1.0, m.bank_conflict_share()), cause_of_busy_memory(m)),
                   format("shared-memory bank conflicts: %.0f%% of shared-memory wavefronts are conflict replays; pad "
                          "or swizzle the shared tiles",
                          pct(m.bank_conflict_share()))});
  }
  if (m.local_bytes > kSpillShare * std::max(m.dram_bytes(), 1.0)) {
    out.push_back({"spills", std::min(0.9, 0.3 + m.local_bytes / (m.local_bytes + m.dram_bytes())),
                   format("%.1f MB of local-memory traffic (register spills or local arrays): use fewer registers "
                          "(smaller tiles, fewer accumulators) or keep indexed arrays out of local memory",
                          mb(m.local_bytes))});
  }
}

void latency(const CounterDiagnosis& d, const std::optional<population::KernelResources>& resources,
             std::vector<Limiter>& out) {
  const MeasuredCounters& m = d.counters;
  if (d.bound != "latency") return;
  if (m.achieved_occupancy < kLowOccupancy) {
    std::string text = format("achieved occupancy %.0f%% of the warp slots", pct(m.achieved_occupancy));
    if (resources && resources->registers_per_thread > 0) {
      text += format(" (%.0f registers/thread, %.0f B shared memory/block)", resources->registers_per_thread,
                     resources->shared_bytes_per_block);
    }
    text += ": too few warps in flight to hide latency; launch more threads or use fewer registers/shared memory";
    out.push_back({"occupancy", 0.5 + 0.5 * (1 - m.achieved_occupancy / kLowOccupancy), text});
  }
  const double busiest = std::max(m.sm_throughput, m.memory_throughput);
  out.push_back({"idle-units", std::max(0.0, 1 - busiest),
                 format("no unit is busy (SM %.0f%%, memory %.0f%% of peak): latency-bound; more independent work per "
                        "thread, more threads, or fewer dependent steps",
                        pct(m.sm_throughput), pct(m.memory_throughput))});
}

std::string bound_of(const MeasuredCounters& m) {
  const double memory = std::max(m.dram_throughput, m.memory_throughput);
  if (memory < kBusy && m.sm_throughput < kBusy) return "latency";
  return m.sm_throughput > memory ? "compute" : "memory";
}

}  // namespace

std::string CounterDiagnosis::finer_bound() const { return bound + "/" + limiters.front().key; }

CounterDiagnosis diagnose(const population::CounterProfile& profile, double formula_bytes,
                          const std::optional<population::KernelResources>& resources) {
  CounterDiagnosis d;
  d.counters = measure(profile);
  d.formula_bytes = formula_bytes;
  d.traffic_ratio = formula_bytes > 0 ? d.counters.dram_bytes() / formula_bytes : 0;
  d.bound = bound_of(d.counters);
  busy_units(d, d.limiters);
  access_patterns(d, d.limiters);
  latency(d, resources, d.limiters);
  // Ties keep the order above: busy units, then access patterns, then latency.
  std::stable_sort(d.limiters.begin(), d.limiters.end(),
                   [](const Limiter& a, const Limiter& b) { return a.severity > b.severity; });
  return d;
}

double formula_bytes(const Task& task) {
  const expr::Bindings sizes(task.bench.values.begin(), task.bench.values.end());
  try {
    return static_cast<double>(task.bytes.evaluate(sizes));
  } catch (const expr::ExprError&) {
    return 0;
  }
}

std::optional<CounterDiagnosis> diagnose(const population::Evaluation& evaluation, const Task& task) {
  if (!evaluation.counters || evaluation.counters->kernels.empty()) return std::nullopt;
  CounterDiagnosis diagnosis = diagnose(*evaluation.counters, formula_bytes(task), evaluation.resources);
  // The roofline's bound, read at the measured bytes, heads the finer bound.
  if (!evaluation.bound.empty()) diagnosis.bound = evaluation.bound;
  return diagnosis;
}

std::string bandit_bound(const population::Evaluation& evaluation, const Task& task) {
  if (const std::optional<CounterDiagnosis> diagnosis = diagnose(evaluation, task)) return diagnosis->finer_bound();
  return evaluation.bound;
}

std::string limiter_summary(const CounterDiagnosis& diagnosis, std::size_t lines) {
  std::string text;
  for (std::size_t i = 0; i < diagnosis.limiters.size() && i < lines; ++i) {
    text += std::to_string(i + 1) + ". " + diagnosis.limiters[i].text + "\n";
  }
  return text;
}

}  // namespace kevo::fitness::profile
