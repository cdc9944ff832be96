#pragma once
// The Task model: what to compute, how to check it, how to launch it.
// Loaded from configs/tasks/<name>/task.yaml (see docs/task-format.md).
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fitness/expr/expression.hpp"
#include "population/launch_plan.hpp"
#include "population/variant.hpp"

namespace kevo::fitness {

// bf16: raw 16-bit patterns on the host (fitness/protocol/bfloat16.hpp).
enum class DType { f32, f64, i32, i64, bf16 };
std::size_t dtype_size(DType dtype);
std::string to_string(DType dtype);
std::optional<DType> dtype_from_string(std::string_view text);  // nullopt when unknown
std::string c_type(DType dtype);  // "float", "double", "int32_t", "int64_t", "uint16_t" (bf16)

enum class TensorRole { input, output };

struct ValueGenerator {
  enum class Kind { uniform, normal, integers, constant };
  Kind kind = Kind::uniform;
  double a = -1.0;  // uniform/integers: low;  normal: mean;   constant: value
  double b = 1.0;   // uniform/integers: high; normal: stddev
};

struct TensorSpec {
  std::string name;
  TensorRole role = TensorRole::input;
  DType dtype = DType::f32;
  std::vector<expr::Expression> shape;  // over size parameters
  ValueGenerator init;                  // inputs only
  // PyTorch references: the model parameter this input fills ("weight",
  // "conv.bias"), so a kernel and the model compute with the same values;
  // "" for an argument of forward().
  std::string parameter;
};

// One problem size: a value for every size parameter.
struct SizePoint {
  std::map<std::string, std::int64_t> values;
  std::string label() const;  // "M=512,N=512,K=512" in declaration order of the map
};

struct Tolerance {
  double abs = 1e-5;       // per element: |out - ref| <= abs + rel * |ref|
  double rel = 1e-5;
  double norm_rel = 1e-5;  // ||out - ref||_2 <= norm_rel * ||ref||_2 (+ abs * sqrt(n))
};

struct KnobSpec {
  std::string name;
  std::vector<std::int64_t> values;  // the domain, in a stable order
  std::int64_t seed_value = 0;       // the seed's value (default: first of `values`)
};

// What applying an optimization strategy (configs/strategies.yaml) means for
// a seed family: moving some of its knobs, or switching to another family
// that embodies the strategy (e.g. from a naive GEMM to a tiled one).
struct StrategyMove {
  std::vector<std::string> knobs;  // knobs of this seed the strategy moves
  std::string seed;                // or: the seed family to switch to
};

// A seed kernel: a source family with its knobs, constraints and launch plan.
struct SeedSpec {
  std::string name;
  population::Language language = population::Language::cpp;
  // Other languages the same source compiles as: a CUDA seed that builds
  // for AMD GPUs through kevo's HIP prelude (fitness/hip) says [hip].
  std::vector<population::Language> portable_to;
  std::filesystem::path file;
  std::string source;
  std::vector<KnobSpec> knobs;
  std::vector<expr::Expression> constraints;  // over knobs; all must be non-zero
  population::LaunchPlan launch;
  std::map<std::string, StrategyMove> strategies;  // by strategy name
  // Written by a model from the reference at the start of a run (a task
  // whose task.yaml declares no seeds), not by the task's author.
  bool drafted = false;
};

// A trusted GPU kernel that produces the expected outputs at the bench size,
// where the CPU reference in double would take minutes (a 4096^3 GEMM).
// Check sizes still use the CPU reference. Same argument convention as seeds;
// its launch plan has no knobs.
struct GpuReference {
  population::Language language = population::Language::cuda;
  std::vector<population::Language> portable_to;  // as for seeds
  std::filesystem::path file;
  std::string source;
  population::LaunchPlan launch;
};

// The peak a task's roofline is drawn against: its arithmetic's precision
// and unit (see fitness/hardware/hardware_profile.hpp).
inline constexpr const char* kComputeKinds[] = {"fp64", "fp32", "tf32_tensor", "bf16_tensor",
                                               "fp16_tensor", "fp8_tensor"};

// What defines the correct result: a C++ function in double (reference.cpp),
// or a KernelBench-format PyTorch problem (problem.py: Model, get_inputs,
// get_init_inputs) run by fitness/pytorch's reference worker.
enum class ReferenceKind { cpp, pytorch };

struct Task {
  std::string name;
  std::string description;
  std::filesystem::path dir;
  std::vector<std::string> size_params;        // declaration order
  SizePoint bench;
  std::vector<SizePoint> checks;               // odd sizes included; bench is checked too
  std::vector<TensorSpec> tensors;
  std::vector<std::string> interface;          // reference's parameter list: tensor or size names
  Tolerance tolerance;
  expr::Expression flops;
  expr::Expression bytes;
  std::filesystem::path reference_file;        // reference.cpp
  std::string reference_source;
  std::string reference_function = "reference";
  ReferenceKind reference_kind = ReferenceKind::cpp;  // pytorch when the reference file ends in .py
  std::optional<GpuReference> gpu_reference;
  std::string compute = "fp32";                // one of kComputeKinds
  std::vector<SeedSpec> seeds;                 // may be empty: a campaign with an LLM drafts them

  const TensorSpec* find_tensor(const std::string& name) const;
  const SeedSpec* find_seed(const std::string& name) const;
  // The seed as a Variant with its seed knob values (generation 0, operator
  // "seed", or "llm_draft" for a drafted seed).
  population::Variant seed_variant(const SeedSpec& seed) const;
  // Number of elements of `tensor` at `size`.
  std::int64_t element_count(const TensorSpec& tensor, const SizePoint& size) const;
};

// Raised for any invalid task; the message reads
//   "<file>:<line>:<col>: key '<key>': <problem>; <fix>"
struct TaskError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Loads and validates configs/tasks/<name>/ (the folder containing task.yaml).
Task load_task(const std::filesystem::path& task_dir);

// A kernel a model wrote for a task with no seed: its source and its launch
// plan as YAML text ({steps: [...], scratch: [...]}, optionally under a
// `launch:` key).
struct KernelDraft {
  std::string name;  // becomes the seed family's name
  population::Language language = population::Language::cuda;
  std::string source;
  std::string launch_yaml;
};

// The draft as a seed (no knobs, drafted = true). Its plan is read by the
// same reader as task.yaml's, so a plan the task cannot run fails here with
// a TaskError pointing at "<name> launch plan:<line>:<col>: key '...'".
SeedSpec seed_from_draft(const Task& task, const KernelDraft& draft);

// Validates knob values for a seed: every knob set, inside its domain, every
// constraint true. Returns "" when fine, else a one-line reason naming the knob.
std::string check_knobs(const SeedSpec& seed, const population::KnobValues& knobs);

}  // namespace kevo::fitness
