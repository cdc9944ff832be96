#pragma once
// Reading a kernel out of a model's reply, strictly. Two forms are accepted
// (the prompt states both):
//   - the whole kernel source in exactly one fenced code block;
//   - one or more search/replace edits of the parent's source:
//       <<<<<<< SEARCH
//       lines of the parent, verbatim
//       =======
//       their replacement
//       >>>>>>> REPLACE
//     each SEARCH text must occur exactly once in the parent.
// Anything else (no code, several code blocks, an edit that does not apply,
// a result equal to the parent) is a ReplyError naming what was wrong: a
// counted failure for the operator, and the text fed back to a repair round.
#include <stdexcept>
#include <string>
#include <vector>

namespace kevo::operators::llm {

class ReplyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A fenced block: its tag ("cuda", "yaml", "" when none) and its text.
struct CodeBlock {
  std::string tag;
  std::string text;
};

// Every fenced block of the reply, in order; throws ReplyError for a block
// that is opened but never closed.
std::vector<CodeBlock> code_blocks(const std::string& reply);

// The new source for a child of `parent_source`; throws ReplyError.
std::string kernel_from_reply(const std::string& reply, const std::string& parent_source);

}  // namespace kevo::operators::llm
