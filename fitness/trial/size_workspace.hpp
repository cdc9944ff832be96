#pragma once
// Everything about one variant at one problem size on the engine side: the
// shared buffers, the inputs written into them (and their checksums), the
// poisoned outputs, the guards, and the verdicts read back after a run. The
// worker only ever runs code on these bytes; every judgement is made here.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "fitness/worker/shared_buffers.hpp"
#include "fitness/worker/worker_messages.hpp"
#include "fitness/protocol/buffer_layout.hpp"
#include "fitness/protocol/input_generator.hpp"
#include "fitness/protocol/launch_plan_binding.hpp"
#include "fitness/protocol/output_comparator.hpp"
#include "fitness/protocol/reference_cache.hpp"
#include "fitness/task.hpp"

namespace kevo::fitness::trial {

using worker::RunMode;
using worker::RunRequest;
using worker::WorkerEntry;

// A compiled module (shared object or cubin) and the symbol that each launch
// step calls in it, in step order.
struct ModuleEntryPoints {
  std::string path;
  std::vector<std::string> symbols;
};

// Where the launch's buffers lie in one region, guards between them.
protocol::BufferLayout layout_for(const protocol::BoundLaunch& launch);

// A request that runs `steps` of `module` on buffers laid out as `layout`,
// with no shared memory yet (a GPU worker that keeps them on the device).
RunRequest layout_request(const ModuleEntryPoints& module, const std::vector<protocol::BoundStep>& steps,
                          const std::vector<protocol::BufferSpec>& buffers, const protocol::BufferLayout& layout,
                          RunMode mode);

class SizeWorkspace {
 public:
  SizeWorkspace(const Task& task, protocol::BoundLaunch launch,
                const std::filesystem::path& scratch_dir);

  const protocol::BoundLaunch& launch() const { return launch_; }
  // The bytes of buffer `index` (its slot in the shared memory).
  const unsigned char* data(std::size_t index) const { return buffer(index); }

  // Draws every input from `size_seed` and records its checksum.
  void write_inputs(const protocol::InputGenerator& generator, std::uint64_t size_seed);
  // Poisons the outputs, zeroes scratch and rewrites the guards: before every run.
  void reset_outputs();

  // A request that runs `steps` of `module` on these buffers; inputs are
  // marked read-only.
  RunRequest request(const ModuleEntryPoints& module, const std::vector<protocol::BoundStep>& steps,
                     RunMode mode) const;
  // The inputs now in the buffers were drawn elsewhere (by a worker, from
  // `size_seed`). Their checksums are not recorded: the run they came from
  // was checked by the worker, and changed_input() has nothing to compare.
  void adopt_inputs(std::uint64_t size_seed);

  // "" when every input still has its checksum, else e.g.
  // "kernel wrote its input X (X[3] was 0.25, now 0)".
  std::string changed_input(const protocol::InputGenerator& generator) const;
  // "" when every guard byte is intact, else where the kernel wrote outside its buffers.
  std::string guard_damage() const;

  protocol::ReferenceOutputs copy_outputs() const;
  protocol::Comparison compare(const protocol::ReferenceOutputs& reference,
                               const Tolerance& tolerance) const;
  // `candidate` (outputs copied out earlier) against the reference's outputs
  // now in the buffers.
  protocol::Comparison compare_kept(const protocol::ReferenceOutputs& candidate, const Tolerance& tolerance) const;
  // The outputs into `kept`, reusing its storage.
  void copy_outputs_into(protocol::ReferenceOutputs& kept) const;
  // "" when every output element is written and finite (used on the reference).
  std::string invalid_output() const;

 private:
  const unsigned char* buffer(std::size_t index) const;
  // Every output, its candidate bytes from `got(t, o)` and reference bytes from `expected(t, o)`.
  template <typename Got, typename Expected>
  protocol::Comparison compare_outputs(const Tolerance& tolerance, Got got, Expected expected) const;
  unsigned char* buffer(std::size_t index);

  const Task& task_;
  protocol::BoundLaunch launch_;
  protocol::BufferLayout layout_;
  std::unique_ptr<worker::SharedBuffers> shared_;
  std::uint64_t size_seed_ = 0;
  std::vector<std::uint64_t> input_checksums_;  // per buffer; 0 for non-inputs
  bool inputs_checksummed_ = false;
};

}  // namespace kevo::fitness::trial
