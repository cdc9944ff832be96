#include "fitness/cpu/trampoline.hpp"

namespace kevo::fitness::cpu {

namespace {

std::string cast_for(const protocol::ArgRef& arg, std::size_t slot) {
  const std::string element = "a[" + std::to_string(slot) + "]";
  switch (arg.kind) {
    case protocol::ArgKind::input: return "(const " + c_type(arg.dtype) + "*)" + element;
    case protocol::ArgKind::output: return "(" + c_type(arg.dtype) + "*)" + element;
    case protocol::ArgKind::scratch: return "(void*)" + element;
    case protocol::ArgKind::integer: return "*(const std::int64_t*)" + element;
  }
  return element;
}

std::string entry_function(const protocol::ResolvedStep& step, std::size_t index) {
  std::string call = step.kernel + "(";
  for (std::size_t slot = 0; slot < step.args.size(); ++slot) {
    if (slot > 0) call += ", ";
    call += cast_for(step.args[slot], slot);
  }
  call += ");";
  // `a` is unused by a kernel without arguments; [[maybe_unused]] keeps that quiet.
  return "extern \"C\" void " + entry_symbol(index) + "([[maybe_unused]] void** a) {\n  " + call +
         "\n}\n";
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c != '\n') out += c;
  }
  return out + "\"";
}

}  // namespace

std::string entry_symbol(std::size_t index) { return "kevo_entry_" + std::to_string(index); }

std::string generate_translation_unit(const std::string& kernel_source,
                                      const std::string& file_label,
                                      const protocol::ResolvedPlan& plan) {
  // The prelude gives every kernel the fixed-width types the calling
  // convention speaks in, whether or not it includes <cstdint> itself.
  std::string unit = "#include <cstddef>\n#include <cstdint>\n";
  unit += "#line 1 " + quoted(file_label) + "\n";
  unit += kernel_source;
  if (!kernel_source.empty() && kernel_source.back() != '\n') unit += '\n';
  unit += "#line 1 \"kevo-trampoline\"\n";
  for (std::size_t i = 0; i < plan.steps.size(); ++i) unit += entry_function(plan.steps[i], i);
  return unit;
}

std::vector<std::string> entry_symbols(const protocol::ResolvedPlan& plan) {
  std::vector<std::string> symbols;
  for (std::size_t i = 0; i < plan.steps.size(); ++i) symbols.push_back(entry_symbol(i));
  return symbols;
}

}  // namespace kevo::fitness::cpu
