#include "operators/llm/kernel_reply.hpp"

#include <vector>

namespace kevo::operators::llm {

namespace {

constexpr std::string_view kSearch = "<<<<<<< SEARCH\n";
constexpr std::string_view kDivider = "\n=======\n";
constexpr std::string_view kReplace = "\n>>>>>>> REPLACE";

struct Edit {
  std::string search;
  std::string replace;
};

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

// Text between two markers, where the closing one may follow the opening
// line at once (an empty part): markers are searched from the newline that
// ends the opening line.
std::vector<Edit> parse_edits(const std::string& reply) {
  std::vector<Edit> edits;
  for (std::size_t at = reply.find(kSearch); at != std::string::npos; at = reply.find(kSearch, at)) {
    const std::string label = "edit " + std::to_string(edits.size() + 1);
    const std::size_t body = at + kSearch.size();
    const std::size_t divider = reply.find(kDivider, body - 1);
    if (divider == std::string::npos) throw ReplyError(label + " has no ======= line");
    const std::size_t replacement = divider + kDivider.size();
    const std::size_t end = reply.find(kReplace, replacement - 1);
    if (end == std::string::npos) throw ReplyError(label + " has no >>>>>>> REPLACE line");
    Edit edit{divider > body ? reply.substr(body, divider - body) : "",
              end > replacement ? reply.substr(replacement, end - replacement) : ""};
    if (edit.search.empty()) throw ReplyError(label + " has an empty SEARCH text");
    edits.push_back(std::move(edit));
    at = end + kReplace.size();
  }
  return edits;
}

std::string apply_edits(const std::vector<Edit>& edits, std::string source) {
  for (std::size_t i = 0; i < edits.size(); ++i) {
    const std::size_t found = count_of(source, edits[i].search);
    const std::string label = "edit " + std::to_string(i + 1);
    if (found == 0) throw ReplyError(label + ": its SEARCH text is not in the parent's source (it must match verbatim)");
    if (found > 1) {
      throw ReplyError(label + ": its SEARCH text occurs " + std::to_string(found) +
                       " times in the parent's source; include more lines so it is unique");
    }
    source.replace(source.find(edits[i].search), edits[i].search.size(), edits[i].replace);
  }
  return source;
}

std::string single_code_block(const std::string& reply) {
  const std::vector<CodeBlock> blocks = code_blocks(reply);
  if (blocks.empty()) throw ReplyError("no code block and no SEARCH/REPLACE edit in the reply");
  if (blocks.size() > 1) {
    throw ReplyError("the reply has " + std::to_string(blocks.size()) +
                     " code blocks; give the whole kernel in exactly one");
  }
  return blocks.front().text;
}

}  // namespace

std::vector<CodeBlock> code_blocks(const std::string& reply) {
  std::vector<CodeBlock> blocks;
  for (std::size_t at = reply.find("```"); at != std::string::npos;) {
    const std::size_t line_end = reply.find('\n', at);
    if (line_end == std::string::npos) break;
    const std::size_t close = reply.find("\n```", line_end);
    if (close == std::string::npos) throw ReplyError("a code block is opened but never closed");
    std::string tag = reply.substr(at + 3, line_end - at - 3);
    tag.erase(tag.find_last_not_of(" \t\r") + 1);
    blocks.push_back({std::move(tag), reply.substr(line_end + 1, close - line_end)});
    const std::size_t after = reply.find('\n', close + 4);
    at = after == std::string::npos ? std::string::npos : reply.find("```", after);
  }
  return blocks;
}

std::string kernel_from_reply(const std::string& reply, const std::string& parent_source) {
  std::string source;
  if (reply.find(kSearch) != std::string::npos) {
    source = apply_edits(parse_edits(reply), parent_source);
  } else {
    source = single_code_block(reply);
  }
  if (source.find_first_not_of(" \t\r\n") == std::string::npos) throw ReplyError("the kernel in the reply is empty");
  if (source == parent_source) throw ReplyError("the reply does not change the parent's source");
  return source;
}

}  // namespace kevo::operators::llm
