#include "fitness/hip/hip_device.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace kevo::fitness::hip {

namespace {

using nlohmann::json;

int attribute_of(const HipRuntimeApi& api, int ordinal, int attribute, const std::string& what) {
  int value = 0;
  api.check(api.hipDeviceGetAttribute(&value, attribute, ordinal), "hip:" + std::to_string(ordinal) + ": query " + what);
  return value;
}

std::string slug(const std::string& name) {
  std::string out;
  for (const char c : name) out += (c == ' ' || c == '/' || c == ':') ? '-' : c;
  return out;
}

}  // namespace

std::string HipDeviceFacts::id() const { return "hip:" + std::to_string(ordinal) + ":" + slug(name); }

std::string HipDeviceFacts::to_json() const {
  return json{{"backend", "hip"},
              {"ordinal", ordinal},
              {"name", name},
              {"compute_units", compute_units},
              {"wavefront_size", wavefront_size},
              {"l2_bytes", l2_bytes},
              {"max_threads_per_block", max_threads_per_block},
              {"max_threads_per_compute_unit", max_threads_per_compute_unit},
              {"shared_per_block", shared_per_block},
              {"clock_khz", clock_khz},
              {"total_memory_bytes", total_memory_bytes},
              {"runtime_version", runtime_version},
              {"pci_address", pci_address}}
      .dump();
}

HipDeviceFacts hip_device_facts_from_json(const std::string& json_text) {
  const json in = json::parse(json_text);
  HipDeviceFacts facts;
  facts.ordinal = in.at("ordinal").get<int>();
  facts.name = in.at("name").get<std::string>();
  facts.compute_units = in.at("compute_units").get<int>();
  facts.wavefront_size = in.at("wavefront_size").get<int>();
  facts.l2_bytes = in.at("l2_bytes").get<int>();
  facts.max_threads_per_block = in.at("max_threads_per_block").get<int>();
  facts.max_threads_per_compute_unit = in.at("max_threads_per_compute_unit").get<int>();
  facts.shared_per_block = in.at("shared_per_block").get<int>();
  facts.clock_khz = in.at("clock_khz").get<int>();
  facts.total_memory_bytes = in.at("total_memory_bytes").get<std::size_t>();
  facts.runtime_version = in.at("runtime_version").get<int>();
  facts.pci_address = in.value("pci_address", std::string());
  return facts;
}

HipDevice::HipDevice(int ordinal) : api_(std::make_unique<HipRuntimeApi>()) {
  const HipRuntimeApi& api = *api_;
  const std::string label = "hip:" + std::to_string(ordinal);
  int count = 0;
  const hipError init = api.hipInit(0);
  if (api.hipGetDeviceCount(&count) != hip_result::success || count == 0) {
    throw std::runtime_error(label + ": no AMD GPU (hipInit: " + api.describe(init) + "; " + api.library() +
                             " sees no device): run on a machine with an AMD GPU and /dev/kfd, or use other devices");
  }
  if (ordinal >= count) {
    throw std::runtime_error(label + ": no such device (" + std::to_string(count) +
                             " AMD GPU(s) visible); use an ordinal below " + std::to_string(count));
  }
  api.check(api.hipSetDevice(ordinal), label + ": select the device");
  api.check(api.hipStreamCreate(&stream_), label + ": create a stream");
  HipDeviceFacts& f = facts_;
  f.ordinal = ordinal;
  char name[256] = {};
  api.check(api.hipDeviceGetName(name, sizeof name, ordinal), label + ": query its name");
  f.name = name;
  f.compute_units = attribute_of(api, ordinal, hip_attribute::multiprocessor_count, "CU count");
  f.wavefront_size = attribute_of(api, ordinal, hip_attribute::warp_size, "wavefront size");
  f.l2_bytes = attribute_of(api, ordinal, hip_attribute::l2_cache_bytes, "L2 size");
  f.max_threads_per_block = attribute_of(api, ordinal, hip_attribute::max_threads_per_block, "threads per block");
  f.max_threads_per_compute_unit =
      attribute_of(api, ordinal, hip_attribute::max_threads_per_multiprocessor, "threads per CU");
  f.shared_per_block = attribute_of(api, ordinal, hip_attribute::max_shared_memory_per_block, "LDS per block");
  f.clock_khz = attribute_of(api, ordinal, hip_attribute::clock_rate_khz, "clock rate");
  api.check(api.hipDeviceTotalMem(&f.total_memory_bytes, ordinal), label + ": query memory size");
  api.check(api.hipRuntimeGetVersion(&f.runtime_version), label + ": query the runtime version");
  // The attribute numbers are ROCm 5.x's: a runtime that numbers them
  // otherwise answers nonsense here, which is refused rather than used.
  if ((f.wavefront_size != 32 && f.wavefront_size != 64) || f.max_threads_per_block < 64 ||
      f.max_threads_per_block > 4096) {
    throw std::runtime_error(label + ": implausible device attributes (wavefront " + std::to_string(f.wavefront_size) +
                             ", " + std::to_string(f.max_threads_per_block) +
                             " threads/block): kevo's HIP attribute table is ROCm 5.x's; this runtime (" +
                             std::to_string(f.runtime_version) + ") numbers them differently");
  }
  char pci[32];
  std::snprintf(pci, sizeof pci, "%04x:%02x:%02x",
                attribute_of(api, ordinal, hip_attribute::pci_domain_id, "PCI domain"),
                attribute_of(api, ordinal, hip_attribute::pci_bus_id, "PCI bus"),
                attribute_of(api, ordinal, hip_attribute::pci_device_id, "PCI device"));
  f.pci_address = pci;
}

}  // namespace kevo::fitness::hip
