#pragma once
// One NVIDIA GPU as a worker sees it: the driver, the device, its primary
// context and a stream, opened once per worker process, plus the
// facts the engine needs (name, arch for NVRTC, SMs, L2 for flushing).
#include <memory>
#include <string>

#include "fitness/cuda/driver_api.hpp"

namespace kevo::fitness::cuda {

struct DeviceFacts {
  int ordinal = 0;
  std::string name;                 // "NVIDIA H100 80GB HBM3"
  int cc_major = 0, cc_minor = 0;
  std::string arch;                 // NVRTC target: "sm_90a" on Hopper
  int multiprocessors = 0;
  int l2_bytes = 0;
  int max_threads_per_multiprocessor = 0;
  int shared_per_block_optin = 0;
  int shared_per_multiprocessor = 0;
  int registers_per_multiprocessor = 0;
  int clock_khz = 0;
  int memory_clock_khz = 0;
  int memory_bus_bits = 0;
  std::size_t total_memory_bytes = 0;
  int driver_version = 0;
  std::string pci_address;          // "0000:1b:00": the same GPU whatever CUDA_VISIBLE_DEVICES says

  std::string id() const;       // "cuda:0:NVIDIA-H100-80GB-HBM3"
  std::string to_json() const;  // the reply to the worker's "device" request
};

// The NVRTC target for a compute capability: the arch-specific ("a") target
// where it unlocks instructions kernels want (wgmma on 9.0, tcgen05 on 10.x).
std::string nvrtc_arch(int cc_major, int cc_minor);

class CudaDevice {
 public:
  // Opens the driver and the device; throws std::runtime_error naming the
  // device ordinal when there is no driver, no such device, or it fails.
  explicit CudaDevice(int ordinal);

  const DriverApi& api() const { return *api_; }
  const DeviceFacts& facts() const { return facts_; }
  CUstream stream() const { return stream_; }
  CUcontext context() const { return context_; }

 private:
  std::unique_ptr<DriverApi> api_;
  DeviceFacts facts_;
  CUdevice device_ = 0;
  CUcontext context_ = nullptr;
  CUstream stream_ = nullptr;
};

// The facts back from the worker's JSON (engine side).
DeviceFacts device_facts_from_json(const std::string& json_text);

}  // namespace kevo::fitness::cuda
