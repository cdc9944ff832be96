#pragma once
// The evaluator's own device kernels, which keep a timing session on the
// GPU: drawing every run's inputs from the task's distributions, checksums
// of the inputs, poisoning outputs, checking guard bytes, and comparing a
// run's outputs with the reference's in double. Written once in the subset
// of CUDA C++ that hiprtc also compiles (no warp intrinsics, no headers), so
// the CUDA and HIP back ends build them with the compiler they build
// candidates with; the engine compiles them once per evaluator and sends the
// module's path with every session.
//
// Inputs are drawn exactly as the host draws them (fitness/protocol/
// input_generator.hpp): the same counter-based hashes, the same ziggurat
// tables (uploaded by the worker), additions and multiplications rounded
// one by one (no fused multiply-add), so uniform, integer and constant
// inputs are bit for bit the host's, and normal ones are too except where
// the device's exp and log round differently on the rare slow path.
#include <string>
#include <vector>

#include "fitness/task.hpp"

namespace kevo::fitness::gpu {

const std::string& protocol_kernels_source();

// The kernels' names, as a compile job lists them.
std::vector<std::string> protocol_kernel_names();

// What kevo_compare accumulates for one output; laid out as the kernel's struct.
struct DeviceComparison {
  unsigned long long failing = 0;
  unsigned long long first_failing = ~0ULL;  // lowest failing index
  double diff_squared = 0;
  double ref_squared = 0;
  unsigned long long max_abs_bits = 0;  // non-negative doubles, compared as integers
  unsigned long long max_rel_bits = 0;
};

// The codes the kernels take for a dtype and a distribution.
int device_dtype(DType dtype);
int device_distribution(ValueGenerator::Kind kind);

}  // namespace kevo::fitness::gpu
