#include "fitness/cuda/cuda_device.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace kevo::fitness::cuda {

namespace {

using nlohmann::json;

int attribute_of(const DriverApi& api, CUdevice device, int attribute, const char* what) {
  int value = 0;
  api.check(api.cuDeviceGetAttribute(&value, attribute, device), std::string("query ") + what);
  return value;
}

std::string device_name(const DriverApi& api, CUdevice device) {
  char name[256] = {};
  api.check(api.cuDeviceGetName(name, sizeof name - 1, device), "query the device name");
  return name;
}

std::string pci_address(int domain, int bus, int device) {
  char text[32];
  std::snprintf(text, sizeof text, "%04x:%02x:%02x", domain, bus, device);
  return text;
}

}  // namespace

std::string nvrtc_arch(int cc_major, int cc_minor) {
  const std::string base = "sm_" + std::to_string(cc_major) + std::to_string(cc_minor);
  return cc_major == 9 || cc_major == 10 ? base + "a" : base;
}

std::string DeviceFacts::id() const {
  std::string clean;
  for (char c : name) clean += (c == ' ' || c == '/') ? '-' : c;
  return "cuda:" + std::to_string(ordinal) + ":" + clean;
}

std::string DeviceFacts::to_json() const {
  return json{{"backend", "cuda"},
              {"ordinal", ordinal},
              {"name", name},
              {"cc_major", cc_major},
              {"cc_minor", cc_minor},
              {"arch", arch},
              {"multiprocessors", multiprocessors},
              {"l2_bytes", l2_bytes},
              {"max_threads_per_multiprocessor", max_threads_per_multiprocessor},
              {"shared_per_block_optin", shared_per_block_optin},
              {"shared_per_multiprocessor", shared_per_multiprocessor},
              {"registers_per_multiprocessor", registers_per_multiprocessor},
              {"clock_khz", clock_khz},
              {"memory_clock_khz", memory_clock_khz},
              {"memory_bus_bits", memory_bus_bits},
              {"total_memory_bytes", total_memory_bytes},
              {"driver_version", driver_version},
              {"pci_address", pci_address}}
      .dump();
}

DeviceFacts device_facts_from_json(const std::string& json_text) {
  const json in = json::parse(json_text);
  DeviceFacts facts;
  facts.ordinal = in.at("ordinal").get<int>();
  facts.name = in.at("name").get<std::string>();
  facts.cc_major = in.at("cc_major").get<int>();
  facts.cc_minor = in.at("cc_minor").get<int>();
  facts.arch = in.at("arch").get<std::string>();
  facts.multiprocessors = in.at("multiprocessors").get<int>();
  facts.l2_bytes = in.at("l2_bytes").get<int>();
  facts.max_threads_per_multiprocessor = in.at("max_threads_per_multiprocessor").get<int>();
  facts.shared_per_block_optin = in.at("shared_per_block_optin").get<int>();
  facts.shared_per_multiprocessor = in.at("shared_per_multiprocessor").get<int>();
  facts.registers_per_multiprocessor = in.at("registers_per_multiprocessor").get<int>();
  facts.clock_khz = in.at("clock_khz").get<int>();
  facts.memory_clock_khz = in.at("memory_clock_khz").get<int>();
  facts.memory_bus_bits = in.at("memory_bus_bits").get<int>();
  facts.total_memory_bytes = in.at("total_memory_bytes").get<std::size_t>();
  facts.driver_version = in.at("driver_version").get<int>();
  facts.pci_address = in.value("pci_address", std::string());
  return facts;
}

CudaDevice::CudaDevice(int ordinal) : api_(std::make_unique<DriverApi>()) {
  const DriverApi& api = *api_;
  const std::string label = "cuda:" + std::to_string(ordinal);
  api.check(api.cuInit(0), label + ": initialise the driver");
  int count = 0;
  api.check(api.cuDeviceGetCount(&count), label + ": count devices");
  if (ordinal >= count) {
    throw std::runtime_error(label + ": no such device (" + std::to_string(count) +
                             " NVIDIA GPU(s) visible); use an ordinal below " + std::to_string(count));
  }
  api.check(api.cuDeviceGet(&device_, ordinal), label + ": open the device");
  api.check(api.cuDevicePrimaryCtxRetain(&context_, device_), label + ": create a context");
  api.check(api.cuCtxSetCurrent(context_), label + ": make the context current");
  // A blocking stream: it orders with the legacy stream that the synchronous
  // copies use, so a kernel never starts before its inputs have landed.
  api.check(api.cuStreamCreate(&stream_, 0), label + ": create a stream");

  DeviceFacts& f = facts_;
  f.ordinal = ordinal;
  f.name = device_name(api, device_);
  f.cc_major = attribute_of(api, device_, attribute::compute_capability_major, "compute capability");
  f.cc_minor = attribute_of(api, device_, attribute::compute_capability_minor, "compute capability");
  f.arch = nvrtc_arch(f.cc_major, f.cc_minor);
  f.multiprocessors = attribute_of(api, device_, attribute::multiprocessor_count, "SM count");
  f.l2_bytes = attribute_of(api, device_, attribute::l2_cache_bytes, "L2 size");
  f.max_threads_per_multiprocessor =
      attribute_of(api, device_, attribute::max_threads_per_multiprocessor, "threads per SM");
  f.shared_per_block_optin =
      attribute_of(api, device_, attribute::max_shared_memory_per_block_optin, "shared memory per block");
  f.shared_per_multiprocessor =
      attribute_of(api, device_, attribute::max_shared_memory_per_multiprocessor, "shared memory per SM");
  f.registers_per_multiprocessor =
      attribute_of(api, device_, attribute::max_registers_per_multiprocessor, "registers per SM");
  f.clock_khz = attribute_of(api, device_, attribute::clock_rate_khz, "clock rate");
  f.memory_clock_khz = attribute_of(api, device_, attribute::memory_clock_rate_khz, "memory clock");
  f.memory_bus_bits = attribute_of(api, device_, attribute::memory_bus_width_bits, "memory bus width");
  api.check(api.cuDeviceTotalMem(&f.total_memory_bytes, device_), label + ": query memory size");
  api.check(api.cuDriverGetVersion(&f.driver_version), label + ": query the driver version");
  f.pci_address = pci_address(attribute_of(api, device_, attribute::pci_domain_id, "PCI domain"),
                              attribute_of(api, device_, attribute::pci_bus_id, "PCI bus"),
                              attribute_of(api, device_, attribute::pci_device_id, "PCI device"));
}

}  // namespace kevo::fitness::cuda
