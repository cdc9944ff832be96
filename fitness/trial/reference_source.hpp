#pragma once
// Where a trial gets the expected outputs for the inputs now in a workspace:
// the task's CPU reference in double, a trusted GPU kernel at sizes too large
// for the CPU, or a choice between the two by size.
#include <cstdint>
#include <memory>

#include "fitness/protocol/input_generator.hpp"
#include "fitness/protocol/reference_cache.hpp"
#include "fitness/task.hpp"
#include "fitness/trial/size_workspace.hpp"

namespace kevo::fitness::trial {

class ReferenceSource {
 public:
  virtual ~ReferenceSource() = default;
  // The reference outputs for the inputs now in `workspace` (drawn from
  // `size_seed` at `size`). Leaves the workspace's outputs in an unspecified
  // state: call reset_outputs() before running a candidate. A broken
  // reference throws std::runtime_error naming the task and its file.
  virtual std::shared_ptr<const protocol::ReferenceOutputs> outputs(
      SizeWorkspace& workspace, const protocol::InputGenerator& generator, const SizePoint& size,
      std::uint64_t size_seed) = 0;
};

// Sends the bench size to `bench` and every other size to `checks`.
class BenchSizeSplit final : public ReferenceSource {
 public:
  BenchSizeSplit(const SizePoint& bench_size, ReferenceSource& checks, ReferenceSource& bench)
      : bench_size_(bench_size), checks_(checks), bench_(bench) {}
  std::shared_ptr<const protocol::ReferenceOutputs> outputs(
      SizeWorkspace& workspace, const protocol::InputGenerator& generator, const SizePoint& size,
      std::uint64_t size_seed) override {
    ReferenceSource& source = size.values == bench_size_.values ? bench_ : checks_;
    return source.outputs(workspace, generator, size, size_seed);
  }

 private:
  SizePoint bench_size_;
  ReferenceSource& checks_;
  ReferenceSource& bench_;
};

}  // namespace kevo::fitness::trial
