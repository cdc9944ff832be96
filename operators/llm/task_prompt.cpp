#include "operators/llm/task_prompt.hpp"

#include <sstream>

namespace kevo::operators::llm {

namespace {

// The element type as a kernel declares it.
std::string element_type(fitness::DType dtype) {
  if (dtype == fitness::DType::bf16) return "bfloat16: __nv_bfloat16 in CUDA, uint16_t bits in C++";
  return fitness::c_type(dtype);
}

std::string interface_text(const fitness::Task& task) {
  std::ostringstream out;
  out << "Parameters, in order: ";
  for (std::size_t i = 0; i < task.interface.size(); ++i) out << (i ? ", " : "") << task.interface[i];
  out << ".\nTensors:";
  for (const auto& tensor : task.tensors) {
    out << "\n- " << tensor.name << " (" << (tensor.role == fitness::TensorRole::input ? "input" : "output")
        << ", " << fitness::to_string(tensor.dtype) << " (" << element_type(tensor.dtype) << "), shape [";
    for (std::size_t i = 0; i < tensor.shape.size(); ++i) out << (i ? ", " : "") << tensor.shape[i].text();
    out << "]" << (tensor.parameter.empty() ? "" : ", the model's " + tensor.parameter) << ")";
  }
  out << "\nBench size:";
  for (const auto& [name, value] : task.bench.values) out << " " << name << "=" << value;
  out << ". Correctness is also checked at odd sizes, so handle every size, not only the bench size.";
  return out.str();
}

}  // namespace

std::string fenced(const std::string& language, const std::string& source) {
  return "```" + language + "\n" + source + (source.empty() || source.back() == '\n' ? "" : "\n") + "```";
}

std::string language_tag(population::Language language) { return population::to_string(language); }

PromptPart task_part(const fitness::Task& task) {
  return {"Task: " + task.name, task.description + "\n\n" + interface_text(task), true};
}

PromptPart reference_part(const fitness::Task& task) {
  if (task.reference_kind == fitness::ReferenceKind::pytorch) {
    return {"Reference (a PyTorch problem: Model.forward defines the correct result; the size globals are set to "
            "the size being checked)",
            fenced("python", task.reference_source), false, 1};
  }
  return {"Reference (defines the correct result)", fenced("cpp", task.reference_source), false, 1};
}

}  // namespace kevo::operators::llm
