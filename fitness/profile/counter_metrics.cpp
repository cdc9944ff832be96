#include "fitness/profile/counter_metrics.hpp"

#include <cmath>

namespace kevo::fitness::profile {

namespace {

constexpr double kSectorBytes = 32;

namespace metric {
constexpr const char* duration = "gpu__time_duration.sum";  // ns
constexpr const char* dram_read = "dram__bytes_read.sum";
constexpr const char* dram_write = "dram__bytes_write.sum";
constexpr const char* l2_hit = "lts__t_sector_hit_rate.pct";
constexpr const char* occupancy = "sm__warps_active.avg.pct_of_peak_sustained_active";
constexpr const char* sm = "sm__throughput.avg.pct_of_peak_sustained_elapsed";
constexpr const char* memory = "gpu__compute_memory_throughput.avg.pct_of_peak_sustained_elapsed";
constexpr const char* dram = "dram__throughput.avg.pct_of_peak_sustained_elapsed";
constexpr const char* tensor = "sm__pipe_tensor_cycles_active.avg.pct_of_peak_sustained_active";
constexpr const char* fma = "sm__pipe_fma_cycles_active.avg.pct_of_peak_sustained_active";
constexpr const char* bank_conflicts = "l1tex__data_bank_conflicts_pipe_lsu_mem_shared.sum";
constexpr const char* shared_wavefronts = "l1tex__data_pipe_lsu_wavefronts_mem_shared.sum";
constexpr const char* load_requested = "sm__sass_data_bytes_mem_global_op_ld.sum";
constexpr const char* load_sectors = "l1tex__t_sectors_pipe_lsu_mem_global_op_ld.sum";
constexpr const char* store_requested = "sm__sass_data_bytes_mem_global_op_st.sum";
constexpr const char* store_sectors = "l1tex__t_sectors_pipe_lsu_mem_global_op_st.sum";
constexpr const char* local_load = "l1tex__t_bytes_pipe_lsu_mem_local_op_ld.sum";
constexpr const char* local_store = "l1tex__t_bytes_pipe_lsu_mem_local_op_st.sum";
}  // namespace metric

double value_of(const population::KernelCounters& kernel, const char* name) {
  const auto found = kernel.values.find(name);
  return found == kernel.values.end() ? 0.0 : found->second;
}

// Duration-weighted mean of a percentage metric, as a fraction.
class WeightedRate {
 public:
  void add(double percent, double weight) {
    if (!std::isfinite(percent) || weight <= 0) return;
    sum_ += percent / 100 * weight;
    weight_ += weight;
  }
  double mean() const { return weight_ > 0 ? sum_ / weight_ : 0; }

 private:
  double sum_ = 0;
  double weight_ = 0;
};

double ratio(double part, double whole) { return whole > 0 ? part / whole : 0; }

}  // namespace

const std::vector<std::string>& counter_metrics() {
  static const std::vector<std::string> metrics = {
      metric::duration,     metric::dram_read,      metric::dram_write,        metric::l2_hit,
      metric::occupancy,    metric::sm,             metric::memory,            metric::dram,
      metric::tensor,       metric::fma,            metric::bank_conflicts,    metric::shared_wavefronts,
      metric::load_requested, metric::load_sectors, metric::store_requested,   metric::store_sectors,
      metric::local_load,   metric::local_store};
  return metrics;
}

double MeasuredCounters::load_efficiency() const {
  return ratio(global_load_bytes_requested, global_load_sectors * kSectorBytes);
}

double MeasuredCounters::store_efficiency() const {
  return ratio(global_store_bytes_requested, global_store_sectors * kSectorBytes);
}

double MeasuredCounters::bank_conflict_share() const { return ratio(shared_bank_conflicts, shared_wavefronts); }

MeasuredCounters measure(const population::CounterProfile& profile) {
  MeasuredCounters m;
  WeightedRate l2_hit, occupancy, sm, memory, dram, tensor, fma;
  for (const population::KernelCounters& kernel : profile.kernels) {
    const auto sum = [&](const char* name) {
      const double value = value_of(kernel, name);
      return std::isfinite(value) ? value : 0.0;
    };
    const double nanoseconds = sum(metric::duration);
    m.seconds += nanoseconds * 1e-9;
    m.dram_read_bytes += sum(metric::dram_read);
    m.dram_write_bytes += sum(metric::dram_write);
    m.shared_bank_conflicts += sum(metric::bank_conflicts);
    m.shared_wavefronts += sum(metric::shared_wavefronts);
    m.global_load_bytes_requested += sum(metric::load_requested);
    m.global_load_sectors += sum(metric::load_sectors);
    m.global_store_bytes_requested += sum(metric::store_requested);
    m.global_store_sectors += sum(metric::store_sectors);
    m.local_bytes += sum(metric::local_load) + sum(metric::local_store);
    // A plan profiled without durations still averages, each kernel alike.
    const double weight = nanoseconds > 0 ? nanoseconds : 1;
    l2_hit.add(value_of(kernel, metric::l2_hit), weight);
    occupancy.add(value_of(kernel, metric::occupancy), weight);
    sm.add(value_of(kernel, metric::sm), weight);
    memory.add(value_of(kernel, metric::memory), weight);
    dram.add(value_of(kernel, metric::dram), weight);
    tensor.add(value_of(kernel, metric::tensor), weight);
    fma.add(value_of(kernel, metric::fma), weight);
  }
  m.l2_hit_rate = l2_hit.mean();
  m.achieved_occupancy = occupancy.mean();
  m.sm_throughput = sm.mean();
  m.memory_throughput = memory.mean();
  m.dram_throughput = dram.mean();
  m.tensor_pipe = tensor.mean();
  m.fma_pipe = fma.mean();
  return m;
}

}  // namespace kevo::fitness::profile
