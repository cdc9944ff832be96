#pragma once
// What kevo knows about one kind of device: the datasheet profile
// (hardware_profiles/<id>.yaml), plus the roofs `kevo calibrate` measured on
// it (hardware_profiles/measured/<id>.yaml) once merged by ProfileCatalog.
// Format: docs/architecture.md, "Hardware profiles".
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fitness/hardware/ceilings.hpp"
#include "fitness/hardware/measured_ceilings.hpp"
#include "fitness/hardware/precision.hpp"
#include "fitness/hardware/profile_error.hpp"
#include "fitness/hardware/vendor.hpp"

namespace kevo::fitness::hardware {

struct HardwareProfile {
  std::string id;                  // [a-z0-9_]+, the file's stem
  Vendor vendor = Vendor::cpu;
  std::string model;               // "NVIDIA H100 SXM5 80GB"
  std::vector<std::string> match;  // case-insensitive substrings of the driver's device name
  std::string arch;                // sm_90a, gfx942, x86-64-v3
  int compute_units = 0;           // SMs, CUs or cores
  double boost_clock_mhz = 0;
  double memory_bandwidth_gbs = 0;  // datasheet, 1e9 bytes/s
  std::int64_t l2_bytes = 0;
  // The cache a flush must evict: l2_bytes unless the file names a larger
  // cache behind the L2 (MI300X's Infinity Cache, a CPU's L3).
  std::int64_t last_level_cache_bytes = 0;
  std::int64_t shared_memory_per_block_bytes = 0;
  std::int64_t shared_memory_per_cu_bytes = 0;
  std::int64_t registers_per_cu = 0;  // 32-bit registers
  int max_threads_per_cu = 0;
  int warp_size = 0;
  std::map<Precision, double> peak_tflops;  // dense datasheet peaks; fp32 always present
  std::string source;               // where the numbers come from
  std::string file;                 // the file it was loaded from, for messages
  std::optional<MeasuredCeilings> measured;
};

// Strict: unknown, repeated or missing keys, wrong types, non-positive sizes
// or rates, an id that is not the file's stem: ProfileError
// "<file>:<line>:<col>: key '<key>': <problem>; <fix>". `measured` stays empty.
HardwareProfile load_profile(const std::filesystem::path& path);

}  // namespace kevo::fitness::hardware
