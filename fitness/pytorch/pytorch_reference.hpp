#pragma once
// A KernelBench-format PyTorch problem as a task's reference: the reference
// worker (fitness/pytorch/torch_reference.py, one long-lived Python process)
// reads the inputs kevo drew into the shared buffers, runs the problem's
// Model at the requested size (its size globals set to the size's values,
// parameters named by `parameter:` tensors taken from kevo's inputs), and
// writes the outputs back into the buffers. The engine then checks them as
// it checks any reference's (written, finite, inputs untouched) and caches
// them by size and input seed.
//
// Where PyTorch is not installed for the configured Python (Context::python,
// $KEVO_PYTHON), construction throws "task X is unavailable here: ...".
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "fitness/context.hpp"
#include "fitness/protocol/reference_cache.hpp"
#include "fitness/pytorch/line_process.hpp"
#include "fitness/pytorch/torch_baseline.hpp"
#include "fitness/trial/reference_source.hpp"
#include "fitness/trial/variant_trial.hpp"

namespace kevo::fitness::pytorch {

// Where the model runs: the evaluator's own GPU ("cuda:1"; "" lets PyTorch
// choose: its first GPU, else the CPU), and that GPU's kevo device lock,
// which the worker holds while the model runs so that no kevo process times
// a kernel on the GPU meanwhile ("" for none).
struct TorchDevice {
  std::string name;
  std::filesystem::path lock;
};

class PytorchReference final : public trial::ReferenceSource {
 public:
  PytorchReference(const Context& context, const Task& task, double timeout_seconds, TorchDevice device = {});

  void run_in_place(trial::SizeWorkspace& workspace, const protocol::InputGenerator& generator,
                    const SizePoint& size) override;

  // Times the problem in PyTorch on `workspace`'s inputs (drawn for the bench size).
  TorchBaseline time(trial::SizeWorkspace& workspace, std::size_t flush_bytes, bool with_compile);

  const std::string& torch_version() const { return torch_version_; }
  const std::string& device() const { return device_; }

 private:
  std::string request(const std::string& op, trial::SizeWorkspace& workspace, const SizePoint& size) const;
  std::runtime_error task_error(const SizePoint& size, const std::string& problem) const;

  const Task& task_;
  double timeout_seconds_;
  std::unique_ptr<LineProcess> process_;
  std::filesystem::path lock_;
  std::string torch_version_;
  std::string device_;
};

// Times the problem in PyTorch at the bench size on fresh inputs laid out
// as the task's first seed lays them out (eager, then torch.compile).
TorchBaseline time_torch_baseline(const Task& task, trial::TrialSetup& setup, PytorchReference& reference);

// The reference worker script in kevo's source tree.
std::filesystem::path reference_script();

}  // namespace kevo::fitness::pytorch
