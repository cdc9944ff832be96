#pragma once
// The readers of task.yaml's sections, called by load_task in document
// order. Each validates its section against what has been read before it
// (size parameters, tensors), so they run in this order:
// sizes, tensors, interface, tolerance, formulas, reference, seeds.
// Private to the task loader.
#include <filesystem>
#include <string>
#include <vector>

#include "fitness/task.hpp"
#include "fitness/task_loader_field.hpp"

namespace kevo::fitness::loader {

// Fails at `name_field` when a spec read earlier in the same list already
// uses `name`: knobs, tensors and seeds are looked up by name.
template <typename Spec>
void reject_redeclared(const std::vector<Spec>& earlier, const std::string& kind, const std::string& name,
                       const Field& name_field, const std::string& fix) {
  for (const Spec& spec : earlier)
    if (spec.name == name) name_field.fail(kind + " '" + name + "' is declared twice", fix);
}

// Fills task.size_params, task.bench and task.checks from `sizes:`.
void read_sizes(const Field& sizes, Task& task);

// `tensors:`; shapes are checked at every bench and check size.
std::vector<TensorSpec> read_tensors(const Field& tensors, const Task& task);

// `interface:`: tensor and size names, every output included.
std::vector<std::string> read_interface(const Field& interface, const Task& task);

Tolerance read_tolerance(const Field& tolerance);

// `flops:` / `bytes:`: a non-negative formula over the size parameters at every size.
expr::Expression read_size_formula(const Field& formula, const Task& task);

// `seeds:`; needs sizes and tensors read already.
std::vector<SeedSpec> read_seeds(const Field& seeds, const Task& task);
std::vector<KnobSpec> read_knobs(const Field& knobs, const Task& task);
population::LaunchPlan read_launch(const Field& launch, const Task& task, const SeedSpec& seed);
// gpu_reference: {file, language (cuda|hip), launch}; the plan has no knobs.
GpuReference read_gpu_reference(const Field& field, const Task& task);
// compute: one of kComputeKinds.
std::string read_compute(const Field& field);

// Reads the file that `name` (a path relative to the task folder) names.
// Sets `path` to where it was found.
std::string read_named_file(const Field& name, const std::filesystem::path& task_dir,
                            std::filesystem::path& path);

// Every size the task is evaluated at: bench first, then the check sizes.
std::vector<SizePoint> all_sizes(const Task& task);

// "size parameters (M, N, K)".
NameScope size_scope(const Task& task);

}  // namespace kevo::fitness::loader
