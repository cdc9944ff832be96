#include "fitness/gpu/device_protocol.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include "fitness/protocol/normal_draw.hpp"
#include "fitness/protocol/poison.hpp"

namespace kevo::fitness::gpu {

namespace {

constexpr unsigned kThreads = 256;  // KV_THREADS in the kernels' source
constexpr unsigned kMaxBlocks = 4096;

// The poison of one element as a word of its width.
std::uint64_t poison_word(DType dtype) {
  std::uint64_t word = 0;
  protocol::poison(dtype, &word, 1);
  return word;
}

}  // namespace

DeviceProtocol::DeviceProtocol(GpuRuntime& runtime, ModuleHandle module) : runtime_(runtime), module_(module), tables_(runtime) {
  const protocol::ZigguratTables& t = protocol::ziggurat_tables();
  std::vector<double> host(t.x.begin(), t.x.end());
  host.insert(host.end(), t.inner.begin(), t.inner.end());
  host.insert(host.end(), t.f.begin(), t.f.end());
  runtime_.upload(tables_.ensure(host.size() * sizeof(double), "the ziggurat's tables"), host.data(),
                  host.size() * sizeof(double));
}

unsigned DeviceProtocol::blocks_for(std::int64_t items) const {
  const std::int64_t blocks = (items + kThreads - 1) / kThreads;
  return static_cast<unsigned>(std::clamp<std::int64_t>(blocks, 1, kMaxBlocks));
}

void DeviceProtocol::draw(DevicePointer out, std::int64_t count, DType dtype, const ValueGenerator& init,
                          std::uint64_t stream) {
  if (count == 0) return;
  int dtype_code = device_dtype(dtype);
  int dist = device_distribution(init.kind);
  double a = init.a;
  double b = init.b;
  DevicePointer zig_x = tables_.pointer();
  DevicePointer zig_inner = zig_x + (protocol::kZigguratLayers + 1) * sizeof(double);
  DevicePointer zig_f = zig_inner + protocol::kZigguratLayers * sizeof(double);
  void* parameters[] = {&out, &count, &dtype_code, &dist, &a, &b, &stream, &zig_x, &zig_inner, &zig_f};
  runtime_.launch_kernel(module_, "kevo_draw", blocks_for(count), kThreads, parameters);
}

void DeviceProtocol::checksum(DevicePointer data, std::int64_t bytes, DevicePointer sum) {
  if (bytes == 0) return;
  void* parameters[] = {&data, &bytes, &sum};
  runtime_.launch_kernel(module_, "kevo_checksum", blocks_for((bytes + 7) / 8), kThreads, parameters);
}

void DeviceProtocol::poison(DevicePointer data, std::int64_t count, DType dtype) {
  if (count == 0) return;
  int width = static_cast<int>(dtype_size(dtype));
  std::uint64_t pattern = poison_word(dtype);
  void* parameters[] = {&data, &count, &width, &pattern};
  runtime_.launch_kernel(module_, "kevo_fill_pattern", blocks_for(count), kThreads, parameters);
}

void DeviceProtocol::check_guards(DevicePointer base, DevicePointer gaps, int gap_count, unsigned char canary,
                                  DevicePointer first_bad) {
  void* parameters[] = {&base, &gaps, &gap_count, &canary, &first_bad};
  runtime_.launch_kernel(module_, "kevo_check_guards", 16, kThreads, parameters);
}

void DeviceProtocol::compare(DevicePointer out, DevicePointer ref, std::int64_t count, DType dtype,
                             const Tolerance& tolerance, DevicePointer result) {
  int dtype_code = device_dtype(dtype);
  double tol_abs = tolerance.abs;
  double tol_rel = tolerance.rel;
  void* parameters[] = {&out, &ref, &count, &dtype_code, &tol_abs, &tol_rel, &result};
  runtime_.launch_kernel(module_, "kevo_compare", blocks_for(count), kThreads, parameters);
}

}  // namespace kevo::fitness::gpu
