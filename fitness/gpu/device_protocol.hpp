#pragma once
// Typed launches of the evaluator's own kernels (fitness/gpu/protocol_kernels)
// on a worker's stream: what a timing session does on the device between
// and after a candidate's runs. Every call is queued; nothing waits.
#include <cstdint>

#include "fitness/gpu/gpu_runtime.hpp"
#include "fitness/gpu/protocol_kernels.hpp"
#include "fitness/task.hpp"

namespace kevo::fitness::gpu {

class DeviceProtocol {
 public:
  // Uploads the ziggurat's tables; `module` is the loaded protocol module.
  DeviceProtocol(GpuRuntime& runtime, ModuleHandle module);

  // `count` values of `dtype` drawn from `init` with stream `stream` (the host's values).
  void draw(DevicePointer out, std::int64_t count, DType dtype, const ValueGenerator& init, std::uint64_t stream);
  // Adds the order-free checksum of `bytes` bytes into the 64-bit word at `sum`.
  void checksum(DevicePointer data, std::int64_t bytes, DevicePointer sum);
  // The poison pattern of `dtype` (fitness/protocol/poison.hpp) in `count` elements.
  void poison(DevicePointer data, std::int64_t count, DType dtype);
  // The lowest offset in the gaps (2 * gap_count words at `gaps`) no longer holding
  // the canary, into the word at `first_bad` (which must start at ~0).
  void check_guards(DevicePointer base, DevicePointer gaps, int gap_count, unsigned char canary,
                    DevicePointer first_bad);
  // Compares `count` elements of `out` with `ref` into the DeviceComparison at `result`.
  void compare(DevicePointer out, DevicePointer ref, std::int64_t count, DType dtype, const Tolerance& tolerance,
               DevicePointer result);

 private:
  unsigned blocks_for(std::int64_t items) const;

  GpuRuntime& runtime_;
  ModuleHandle module_;
  DeviceBuffer tables_;  // the ziggurat's x[257], inner[256] and f[257]
};

}  // namespace kevo::fitness::gpu
