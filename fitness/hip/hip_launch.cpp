#include "fitness/hip/hip_launch.hpp"

#include <algorithm>


namespace kevo::fitness::hip {

namespace {

int function_attribute_of(const HipRuntimeApi& api, hipFunction function, int attribute, const std::string& what) {
  int value = 0;
  api.check(api.hipFuncGetAttribute(&value, attribute, function), what);
  return value;
}

std::string dims_text(const std::array<std::int64_t, 3>& dims) {
  return "[" + std::to_string(dims[0]) + ", " + std::to_string(dims[1]) + ", " + std::to_string(dims[2]) + "]";
}

}  // namespace

HipLaunch::HipLaunch(const HipDevice& device, hipModule module, const worker::WorkerEntry& entry,
                     const std::vector<std::uint64_t>& buffers)
    : symbol_(entry.symbol), shape_(entry.shape) {
  const HipRuntimeApi& api = device.api();
  if (api.hipModuleGetFunction(&function_, module, entry.symbol.c_str()) != hip_result::success) {
    throw HipLaunchRejected("kernel '" + entry.symbol + "' is not in the compiled code object");
  }
  check_shape(device);
  values_.reserve(entry.args.size());
  for (const worker::WorkerArg& arg : entry.args) {
    if (arg.is_buffer && arg.buffer >= buffers.size()) {
      throw HipLaunchRejected("kernel '" + entry.symbol + "': buffer " + std::to_string(arg.buffer) + " is not in the request");
    }
    values_.push_back(arg.is_buffer ? buffers[arg.buffer] : static_cast<std::uint64_t>(arg.value));
  }
  for (std::uint64_t& value : values_) params_.push_back(&value);
  measure_resources(device);
}

void HipLaunch::check_shape(const HipDevice& device) {
  const HipRuntimeApi& api = device.api();
  const std::string kernel = "kernel '" + symbol_ + "'";
  const auto& block = shape_.block;
  const std::int64_t threads = block[0] * block[1] * block[2];
  const int max_threads = function_attribute_of(api, function_, hip_function_attribute::max_threads_per_block,
                                                kernel + ": query its thread limit");
  if (threads > std::min(max_threads, device.facts().max_threads_per_block)) {
    throw HipLaunchRejected(kernel + ": block " + dims_text(block) + " has " + std::to_string(threads) +
                            " threads; the kernel allows at most " + std::to_string(max_threads));
  }
  const int static_shared = function_attribute_of(api, function_, hip_function_attribute::shared_size_bytes,
                                                  kernel + ": query its LDS");
  if (static_shared + shape_.shared_bytes > device.facts().shared_per_block) {
    throw HipLaunchRejected(kernel + ": " + std::to_string(static_shared) + " static + " +
                            std::to_string(shape_.shared_bytes) + " dynamic bytes of LDS exceed the " +
                            std::to_string(device.facts().shared_per_block) + " bytes a block may have");
  }
}

void HipLaunch::measure_resources(const HipDevice& device) {
  const HipRuntimeApi& api = device.api();
  const std::string kernel = "kernel '" + symbol_ + "'";
  resources_.registers_per_thread =
      function_attribute_of(api, function_, hip_function_attribute::num_regs, kernel + ": query registers");
  resources_.shared_bytes_per_block =
      function_attribute_of(api, function_, hip_function_attribute::shared_size_bytes, kernel + ": query LDS") +
      static_cast<int>(shape_.shared_bytes);
  resources_.local_bytes_per_thread = function_attribute_of(api, function_, hip_function_attribute::local_size_bytes,
                                                            kernel + ": query scratch memory");
  const int threads = static_cast<int>(shape_.block[0] * shape_.block[1] * shape_.block[2]);
  int blocks = 0;
  api.check(api.hipModuleOccupancyMaxActiveBlocksPerMultiprocessor(&blocks, function_, threads,
                                                                   static_cast<std::size_t>(shape_.shared_bytes)),
            kernel + ": compute its occupancy");
  if (blocks == 0) {
    throw HipLaunchRejected(kernel + ": a block of " + std::to_string(threads) + " threads does not fit on one CU");
  }
  const int max_threads = std::max(1, device.facts().max_threads_per_compute_unit);
  resources_.occupancy = std::min(1.0, static_cast<double>(blocks) * threads / max_threads);
}

void HipLaunch::launch(const HipRuntimeApi& api, hipStream stream) {
  api.check(api.hipModuleLaunchKernel(function_, static_cast<unsigned>(shape_.grid[0]),
                                      static_cast<unsigned>(shape_.grid[1]), static_cast<unsigned>(shape_.grid[2]),
                                      static_cast<unsigned>(shape_.block[0]), static_cast<unsigned>(shape_.block[1]),
                                      static_cast<unsigned>(shape_.block[2]),
                                      static_cast<unsigned>(shape_.shared_bytes), stream, params_.data(), nullptr),
            "launch kernel '" + symbol_ + "'");
}

population::KernelResources combine(const std::vector<HipLaunch>& launches) {
  std::vector<population::KernelResources> steps;
  for (const HipLaunch& launch : launches) steps.push_back(launch.resources());
  return population::most_demanding(steps);
}

}  // namespace kevo::fitness::hip
