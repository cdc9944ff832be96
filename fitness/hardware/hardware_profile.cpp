#include "fitness/hardware/hardware_profile.hpp"

#include <algorithm>
#include <climits>
#include <stdexcept>

#include "fitness/hardware/profile_field.hpp"

namespace kevo::fitness::hardware {

namespace {

bool is_profile_id(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

int count(const detail::ProfileField& field, int minimum) {
  return static_cast<int>(field.integer(minimum, INT_MAX));
}

}  // namespace

HardwareProfile load_profile(const std::filesystem::path& path) {
  const detail::ProfileField root = detail::ProfileField::load(path);
  root.expect_keys({"id", "vendor", "model", "match", "arch", "compute_units", "boost_clock_mhz",
                    "memory_bandwidth_gbs", "l2_bytes", "shared_memory_per_block_bytes",
                    "shared_memory_per_cu_bytes", "registers_per_cu", "max_threads_per_cu", "warp_size",
                    "peak_tflops", "source"},
                   {"last_level_cache_bytes"});
  HardwareProfile profile;
  profile.file = path.string();

  const detail::ProfileField id = root.at("id");
  profile.id = id.text();
  if (!is_profile_id(profile.id)) id.fail("'" + profile.id + "' is not an id", "use lower-case letters, digits and '_'");
  // measured/<id>.yaml is found by the id, so the two names must agree.
  if (profile.id != path.stem().string()) {
    id.fail("'" + profile.id + "' differs from the file name '" + path.filename().string() + "'",
            "name the file <id>.yaml");
  }
  const detail::ProfileField vendor = root.at("vendor");
  try {
    profile.vendor = parse_vendor(vendor.text());
  } catch (const std::invalid_argument&) {
    vendor.fail("unknown vendor '" + vendor.text() + "'", "use nvidia, amd or cpu");
  }
  profile.model = root.at("model").text();
  profile.match = root.at("match").text_list();
  profile.arch = root.at("arch").text();
  profile.compute_units = count(root.at("compute_units"), 1);
  profile.boost_clock_mhz = root.at("boost_clock_mhz").positive_number();
  profile.memory_bandwidth_gbs = root.at("memory_bandwidth_gbs").positive_number();
  profile.l2_bytes = root.at("l2_bytes").integer(1);
  profile.last_level_cache_bytes = profile.l2_bytes;
  if (auto llc = root.find("last_level_cache_bytes")) {
    profile.last_level_cache_bytes = llc->integer(1);
    if (profile.last_level_cache_bytes < profile.l2_bytes) {
      llc->fail("smaller than l2_bytes (" + std::to_string(profile.l2_bytes) + ")",
                "name the cache behind the L2, or leave the key out");
    }
  }
  profile.shared_memory_per_cu_bytes = root.at("shared_memory_per_cu_bytes").integer(0);
  const detail::ProfileField per_block = root.at("shared_memory_per_block_bytes");
  profile.shared_memory_per_block_bytes = per_block.integer(0);
  if (profile.shared_memory_per_block_bytes > profile.shared_memory_per_cu_bytes) {
    per_block.fail("larger than shared_memory_per_cu_bytes (" + std::to_string(profile.shared_memory_per_cu_bytes) + ")",
                   "a block cannot use more shared memory than its SM/CU has");
  }
  profile.registers_per_cu = root.at("registers_per_cu").integer(0);
  profile.max_threads_per_cu = count(root.at("max_threads_per_cu"), 1);
  profile.warp_size = count(root.at("warp_size"), 1);
  const detail::ProfileField peaks = root.at("peak_tflops");
  profile.peak_tflops = detail::read_peak_tflops(peaks);
  // Every device runs FP32; without it there is no default compute roof.
  if (!profile.peak_tflops.contains(Precision::fp32)) {
    peaks.fail("no fp32 peak", "add fp32: <dense TFLOP/s> to peak_tflops");
  }
  profile.source = root.at("source").text();
  return profile;
}

}  // namespace kevo::fitness::hardware
