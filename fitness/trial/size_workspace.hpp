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

class SizeWorkspace {
 public:
  SizeWorkspace(const Task& task, protocol::BoundLaunch launch,
                const std::filesystem::path& scratch_dir);

  const protocol::BoundLaunch& launch() const { return launch_; }

  // Draws every input from `size_seed` and records its checksum.
  void write_inputs(const protocol::InputGenerator& generator, std::uint64_t size_seed);
  // Poisons the outputs, zeroes scratch and rewrites the guards: before every run.
  void reset_outputs();

  // A request that runs `steps` of `module` on these buffers. In time
  // mode it asks the worker to re-poison the outputs before every run.
  RunRequest request(const ModuleEntryPoints& module, const std::vector<protocol::BoundStep>& steps,
                     RunMode mode) const;

  // "" when every input still has its checksum, else e.g.
  // "kernel wrote its input X (X[3] was 0.25, now 0)".
  std::string changed_input(const protocol::InputGenerator& generator) const;
  // "" when every guard byte is intact, else where the kernel wrote outside its buffers.
  std::string guard_damage() const;

  protocol::ReferenceOutputs copy_outputs() const;
  protocol::Comparison compare(const protocol::ReferenceOutputs& reference,
                               const Tolerance& tolerance) const;
  // "" when every output element is written and finite (used on the reference).
  std::string invalid_output() const;
  // The same, for `outputs` already copied from this workspace (no second copy).
  std::string invalid_output(const protocol::ReferenceOutputs& outputs) const;

 private:
  const unsigned char* buffer(std::size_t index) const;
  unsigned char* buffer(std::size_t index);

  const Task& task_;
  protocol::BoundLaunch launch_;
  protocol::BufferLayout layout_;
  std::unique_ptr<worker::SharedBuffers> shared_;
  std::uint64_t size_seed_ = 0;
  std::vector<std::uint64_t> input_checksums_;  // per buffer; 0 for non-inputs
};

}  // namespace kevo::fitness::trial
