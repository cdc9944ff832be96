#include "operators/llm/hardware_facts.hpp"

#include <cstdio>
#include <sstream>

namespace kevo::operators::llm {

namespace {

std::string kib(std::int64_t bytes) { return std::to_string(bytes / 1024) + " KiB"; }

}  // namespace

std::string hardware_facts(const fitness::hardware::HardwareProfile& p) {
  using fitness::hardware::Precision;
  std::ostringstream out;
  out << p.model << " (" << p.arch << "): " << p.compute_units << " compute units";
  if (p.warp_size > 0) out << ", warp size " << p.warp_size;
  if (p.max_threads_per_cu > 0) out << ", up to " << p.max_threads_per_cu << " threads per unit";
  if (p.registers_per_cu > 0) out << ", " << p.registers_per_cu << " 32-bit registers per unit";
  if (p.shared_memory_per_block_bytes > 0) {
    out << ", shared memory " << kib(p.shared_memory_per_block_bytes) << " per block";
    if (p.shared_memory_per_cu_bytes > 0) out << " (" << kib(p.shared_memory_per_cu_bytes) << " per unit)";
  }
  if (p.l2_bytes > 0) out << ", L2 " << kib(p.l2_bytes);
  out << ".\n";
  const bool measured_copy = p.measured && p.measured->copy_bandwidth_gbs;
  char line[160];
  std::snprintf(line, sizeof line, "Memory bandwidth: %.0f GB/s (%s).\n",
                measured_copy ? *p.measured->copy_bandwidth_gbs : p.memory_bandwidth_gbs,
                measured_copy ? "measured copy" : "datasheet");
  out << line << "Peak rates:";
  for (const auto& [precision, datasheet] : p.peak_tflops) {
    double rate = datasheet;
    const char* source = "datasheet";
    if (p.measured) {
      if (const auto found = p.measured->peak_tflops.find(precision); found != p.measured->peak_tflops.end()) {
        rate = found->second;
        source = "measured";
      }
    }
    std::snprintf(line, sizeof line, " %s %.1f TFLOP/s (%s);", fitness::hardware::to_string(precision).c_str(), rate,
                  source);
    out << line;
  }
  return out.str();
}

}  // namespace kevo::operators::llm
