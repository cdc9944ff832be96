#include "population/launch_plan.hpp"

#include <string_view>

namespace kevo::population {
namespace {

// The version tag lets a future format change be told apart in old archives.
constexpr std::string_view kFormatTag = "launch-plan/1";

void append_hex_escape(std::string& out, unsigned char byte) {
  static constexpr char kHexDigits[] = "0123456789abcdef";
  out += "\\x";
  out.push_back(kHexDigits[byte >> 4]);
  out.push_back(kHexDigits[byte & 0x0f]);
}

// Every string is quoted and escaped, so no expression text (commas, quotes,
// brackets, newlines) can be mistaken for the structure around it, and the
// result stays on one line.
void append_quoted(std::string& out, std::string_view text) {
  out.push_back('"');
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (byte < 0x20 || byte == 0x7f) {
          append_hex_escape(out, byte);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

template <typename Strings>
void append_quoted_list(std::string& out, const Strings& items) {
  out.push_back('(');
  bool first = true;
  for (const std::string& item : items) {
    if (!first) out.push_back(',');
    first = false;
    append_quoted(out, item);
  }
  out.push_back(')');
}

void append_step(std::string& out, const LaunchStep& step) {
  out += "{kernel=";
  append_quoted(out, step.kernel);
  out += " grid=";
  append_quoted_list(out, step.grid);
  out += " block=";
  append_quoted_list(out, step.block);
  out += " shared_bytes=";
  append_quoted(out, step.shared_bytes);
  out += " args=";
  append_quoted_list(out, step.args);
  out.push_back('}');
}

void append_scratch(std::string& out, const ScratchBuffer& buffer) {
  out += "{name=";
  append_quoted(out, buffer.name);
  out += " bytes=";
  append_quoted(out, buffer.bytes);
  out.push_back('}');
}

template <typename Items, typename AppendItem>
void append_list(std::string& out, const Items& items, AppendItem append_item) {
  out.push_back('[');
  bool first = true;
  for (const auto& item : items) {
    if (!first) out.push_back(',');
    first = false;
    append_item(out, item);
  }
  out.push_back(']');
}

}  // namespace

// Expressions are kept verbatim (no whitespace normalisation): population/
// does not know the expression grammar, and "M*4" vs "M * 4" only costs a
// duplicate evaluation, never a wrong dedup.
std::string to_canonical_text(const LaunchPlan& plan) {
  std::string out(kFormatTag);
  out += " steps=";
  append_list(out, plan.steps, append_step);
  out += " scratch=";
  append_list(out, plan.scratch, append_scratch);
  return out;
}

}  // namespace kevo::population
