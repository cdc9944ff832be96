#include "fitness/cuda/prepared_launch.hpp"

#include <algorithm>
#include <limits>


namespace kevo::fitness::cuda {

namespace {

constexpr std::int64_t kMaxGridX = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t kMaxGridYZ = 65535;
constexpr std::int64_t kDefaultSharedLimit = 48 * 1024;

int function_attribute_of(const DriverApi& api, CUfunction function, int attribute,
                          const std::string& what) {
  int value = 0;
  api.check(api.cuFuncGetAttribute(&value, attribute, function), what);
  return value;
}

std::string dims_text(const std::array<std::int64_t, 3>& dims) {
  return "[" + std::to_string(dims[0]) + ", " + std::to_string(dims[1]) + ", " +
         std::to_string(dims[2]) + "]";
}

}  // namespace

PreparedLaunch::PreparedLaunch(const CudaDevice& device, CUmodule module,
                               const worker::WorkerEntry& entry, const std::vector<std::uint64_t>& buffers)
    : symbol_(entry.symbol), shape_(entry.shape) {
  const DriverApi& api = device.api();
  if (api.cuModuleGetFunction(&function_, module, entry.symbol.c_str()) != result::success) {
    throw LaunchRejected("kernel '" + entry.symbol + "' is not in the compiled module");
  }
  check_shape(device);
  check_parameters(api, entry);
  values_.reserve(entry.args.size());
  for (const worker::WorkerArg& arg : entry.args) {
    if (arg.is_buffer && arg.buffer >= buffers.size()) {
      throw LaunchRejected("kernel '" + entry.symbol + "': buffer " + std::to_string(arg.buffer) + " is not in the request");
    }
    values_.push_back(arg.is_buffer ? buffers[arg.buffer] : static_cast<std::uint64_t>(arg.value));
  }
  for (std::uint64_t& value : values_) params_.push_back(&value);
  measure_resources(device);
}

void PreparedLaunch::check_shape(const CudaDevice& device) {
  const DriverApi& api = device.api();
  const std::string kernel = "kernel '" + symbol_ + "'";
  const auto& grid = shape_.grid;
  const auto& block = shape_.block;
  if (grid[0] > kMaxGridX || grid[1] > kMaxGridYZ || grid[2] > kMaxGridYZ) {
    throw LaunchRejected(kernel + ": grid " + dims_text(grid) + " exceeds the device's limits [2^31-1, 65535, 65535]");
  }
  const std::int64_t threads = block[0] * block[1] * block[2];
  const int max_threads = function_attribute_of(api, function_, function_attribute::max_threads_per_block,
                                                kernel + ": query its thread limit");
  if (threads > max_threads || block[2] > 64) {
    throw LaunchRejected(kernel + ": block " + dims_text(block) + " has " + std::to_string(threads) +
                         " threads; the kernel allows at most " + std::to_string(max_threads));
  }
  const int static_shared = function_attribute_of(api, function_, function_attribute::shared_size_bytes,
                                                  kernel + ": query its shared memory");
  const std::int64_t limit = device.facts().shared_per_block_optin;
  if (static_shared + shape_.shared_bytes > limit) {
    throw LaunchRejected(kernel + ": " + std::to_string(static_shared) + " static + " +
                         std::to_string(shape_.shared_bytes) + " dynamic bytes of shared memory exceed the " +
                         std::to_string(limit) + " bytes a block may have");
  }
  if (shape_.shared_bytes > kDefaultSharedLimit) {
    api.check(api.cuFuncSetAttribute(function_, function_attribute::max_dynamic_shared_size_bytes,
                                     static_cast<int>(shape_.shared_bytes)),
              kernel + ": raise its dynamic shared memory limit");
  }
}

// Where the driver reports parameter sizes, a plan that passes the wrong
// number of arguments, or an integer too large for an `int` parameter, is
// rejected here instead of reading garbage on the device.
void PreparedLaunch::check_parameters(const DriverApi& api, const worker::WorkerEntry& entry) {
  if (api.cuFuncGetParamInfo == nullptr) return;
  const std::string kernel = "kernel '" + symbol_ + "'";
  std::size_t count = 0;
  for (;; ++count) {
    std::size_t offset = 0, size = 0;
    if (api.cuFuncGetParamInfo(function_, count, &offset, &size) != result::success) break;
    if (count >= entry.args.size()) continue;
    const worker::WorkerArg& arg = entry.args[count];
    const std::string where = kernel + " parameter " + std::to_string(count);
    if (arg.is_buffer && size != 8) {
      throw LaunchRejected(where + " takes " + std::to_string(size) + " bytes but the plan passes a pointer");
    }
    if (!arg.is_buffer && size == 4 &&
        (arg.value < std::numeric_limits<std::int32_t>::min() || arg.value > std::numeric_limits<std::int32_t>::max())) {
      throw LaunchRejected(where + " is 4 bytes but the plan passes " + std::to_string(arg.value) +
                           "; declare it long long");
    }
    if (!arg.is_buffer && size != 4 && size != 8) {
      throw LaunchRejected(where + " takes " + std::to_string(size) + " bytes; integers must be int or long long");
    }
  }
  if (count != entry.args.size()) {
    throw LaunchRejected(kernel + " takes " + std::to_string(count) + " parameters but the plan passes " +
                         std::to_string(entry.args.size()));
  }
}

void PreparedLaunch::measure_resources(const CudaDevice& device) {
  const DriverApi& api = device.api();
  const std::string kernel = "kernel '" + symbol_ + "'";
  resources_.registers_per_thread =
      function_attribute_of(api, function_, function_attribute::num_regs, kernel + ": query registers");
  resources_.shared_bytes_per_block =
      function_attribute_of(api, function_, function_attribute::shared_size_bytes, kernel + ": query shared memory") +
      static_cast<int>(shape_.shared_bytes);
  resources_.local_bytes_per_thread =
      function_attribute_of(api, function_, function_attribute::local_size_bytes, kernel + ": query local memory");
  const int threads = static_cast<int>(shape_.block[0] * shape_.block[1] * shape_.block[2]);
  int blocks = 0;
  api.check(api.cuOccupancyMaxActiveBlocksPerMultiprocessor(&blocks, function_, threads,
                                                            static_cast<std::size_t>(shape_.shared_bytes)),
            kernel + ": compute its occupancy");
  const int max_threads = std::max(1, device.facts().max_threads_per_multiprocessor);
  resources_.occupancy = std::min(1.0, static_cast<double>(blocks) * threads / max_threads);
  if (blocks == 0) {
    throw LaunchRejected(kernel + ": a block of " + std::to_string(threads) + " threads with " +
                         std::to_string(resources_.registers_per_thread) + " registers/thread and " +
                         std::to_string(resources_.shared_bytes_per_block) +
                         " bytes of shared memory does not fit on one SM");
  }
}

void PreparedLaunch::launch(const DriverApi& api, CUstream stream) {
  const CUresult code = api.cuLaunchKernel(
      function_, static_cast<unsigned>(shape_.grid[0]), static_cast<unsigned>(shape_.grid[1]),
      static_cast<unsigned>(shape_.grid[2]), static_cast<unsigned>(shape_.block[0]),
      static_cast<unsigned>(shape_.block[1]), static_cast<unsigned>(shape_.block[2]),
      static_cast<unsigned>(shape_.shared_bytes), stream, params_.data(), nullptr);
  if (code == result::launch_out_of_resources || code == result::invalid_value) {
    throw LaunchRejected("kernel '" + symbol_ + "' could not be launched: " + api.describe(code));
  }
  api.check(code, "launch kernel '" + symbol_ + "'");
}

population::KernelResources combine(const std::vector<PreparedLaunch>& launches) {
  std::vector<population::KernelResources> steps;
  for (const PreparedLaunch& launch : launches) steps.push_back(launch.resources());
  return population::most_demanding(steps);
}

}  // namespace kevo::fitness::cuda
