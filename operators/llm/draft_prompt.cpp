#include "operators/llm/draft_prompt.hpp"

#include <algorithm>
#include <cctype>

#include "operators/llm/task_prompt.hpp"

namespace kevo::operators::llm {

namespace {

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : separator) + item;
  return text;
}

bool is_name(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

// The first output's element count as an expression: the natural grid for
// an elementwise example.
std::string first_output_elements(const fitness::Task& task) {
  for (const auto& tensor : task.tensors) {
    if (tensor.role != fitness::TensorRole::output) continue;
    std::vector<std::string> dims;
    for (const auto& dim : tensor.shape) dims.push_back(is_name(dim.text()) ? dim.text() : "(" + dim.text() + ")");
    return dims.empty() ? "1" : join(dims, "*");
  }
  return "1";
}

std::string calling_convention(population::Language language) {
  if (language == population::Language::cpp) {
    return "Write a plain C++20 function (no main, no threads, no timers, no I/O), compiled with -O3 "
           "-march=native. Each launch step calls it with its args: a tensor is a pointer to its dtype (const "
           "for inputs), a scratch buffer is void*, an integer expression is int64_t.";
  }
  const std::string api = language == population::Language::hip ? "HIP (hiprtc)" : "CUDA (NVRTC, C++17)";
  return "Write " + api + " device code only: one or more extern \"C\" __global__ kernels and the device "
         "functions they use, no host code (no main, no allocation, no streams, no timers). kevo launches each "
         "step of the launch plan itself. A tensor argument is a device pointer to its dtype (const for inputs), "
         "a scratch buffer is void*, an integer expression is passed as a 64-bit value (declare it long long). "
         "Steps run in order on one stream, so a later step sees what an earlier one wrote.";
}

std::string launch_format(const fitness::Task& task, population::Language language) {
  const bool gpu = language != population::Language::cpp;
  std::string example = "steps:\n  - kernel: " + task.name + "_kernel   # a function in your source\n"
                        "    args: [" + join(task.interface, ", ") +
                        "]   # tensors by name, or integer expressions over the sizes\n";
  if (gpu) {
    example += "    grid: [\"cdiv(" + first_output_elements(task) + ", 256)\", 1, 1]\n"
               "    block: [256, 1, 1]\n"
               "    shared_bytes: 0   # dynamic shared memory in bytes (optional)\n";
  }
  example += "scratch:   # only when steps share a buffer (zeroed before each run); else leave it out\n"
             "  - {name: partial, bytes: \"4*" + task.size_params.front() + "\"}\n";
  return fenced("yaml", example) +
         "\nExpressions are integer arithmetic (+ - * / % and parentheses) with cdiv(a, b), round_up(a, b), "
         "min(...), max(...), log2(a), is_pow2(a) and abs(a), over the size parameters (" +
         join(task.size_params, ", ") + "). The plan must be valid at every size, the smallest included" +
         (gpu ? "; grid and block dimensions must be at least 1." : "; grid and block are not used on the CPU.");
}

}  // namespace

std::string kernel_drafter_system_prompt() {
  return "You write fast compute kernels from a specification. Every kernel you write is compiled, checked "
         "against a trusted reference on fresh random inputs at several sizes (outputs are poisoned first, "
         "inputs checksummed, NaN never passes) and timed; a wrong or cheating kernel scores nothing.\n\n"
         "Reply with exactly two fenced code blocks and nothing else that is code: first the whole kernel "
         "source, then its launch plan in a ```yaml block.";
}

std::vector<PromptPart> draft_prompt_parts(const DraftBrief& brief) {
  std::vector<PromptPart> parts;
  parts.push_back(task_part(brief.task));
  PromptPart reference = reference_part(brief.task);
  reference.required = true;  // with no parent kernel, the reference is the whole specification
  reference.age = 0;
  parts.push_back(std::move(reference));
  parts.push_back({"How kevo calls your kernel (" + language_tag(brief.language) + ")",
                   calling_convention(brief.language), true});
  parts.push_back({"Launch plan format", launch_format(brief.task, brief.language), true});
  if (!brief.hardware_facts.empty()) parts.push_back({"The device", brief.hardware_facts});
  parts.push_back({"Goal",
                   "Write the first " + language_tag(brief.language) + " kernel for this task: correct at every "
                   "size, then as fast as you can make it on this device. The plan's `kernel:` names must be "
                   "functions of your source.",
                   true});
  return parts;
}

}  // namespace kevo::operators::llm
