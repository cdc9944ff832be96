#pragma once
// Where a trial gets the expected outputs for the inputs now in a workspace:
// the task's CPU reference in double (ReferenceRunner, which also runs a
// trusted GPU kernel), or a PyTorch problem (pytorch::PytorchReference).
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

  // Runs the reference on the inputs now in `workspace`, leaving its outputs
  // there and checking them: a reference that crashes, hangs, writes its
  // inputs or outside its buffers, or leaves an output unwritten or not
  // finite is a broken task, and throws std::runtime_error naming the task
  // and its file. Nothing is cached.
  virtual void run_in_place(SizeWorkspace& workspace, const protocol::InputGenerator& generator,
                            const SizePoint& size) = 0;

  // The reference outputs for the inputs in `workspace` (drawn from
  // `size_seed` at `size`), cached by (size, seed): a check size, the bench
  // size checked by the engine, a variant evaluated twice. Leaves the
  // workspace's outputs in an unspecified state: call reset_outputs() before
  // running a candidate.
  std::shared_ptr<const protocol::ReferenceOutputs> outputs(SizeWorkspace& workspace,
                                                            const protocol::InputGenerator& generator,
                                                            const SizePoint& size, std::uint64_t size_seed) {
    const std::string label = size.label();
    if (auto cached = cache_.find(label, size_seed)) return cached;
    run_in_place(workspace, generator, size);
    return cache_.insert(label, size_seed, workspace.copy_outputs());
  }

 private:
  protocol::ReferenceCache cache_;
};

}  // namespace kevo::fitness::trial
