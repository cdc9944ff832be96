#include "fitness/task_loader_yaml.hpp"

#include <sstream>
#include <vector>

#include <yaml-cpp/eventhandler.h>

#include "fitness/task_loader_field.hpp"

namespace kevo::fitness::loader {

namespace {

// Records where documents start and ignores their content.
class DocumentStarts : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override { marks.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

  std::vector<YAML::Mark> marks;
};

[[noreturn]] void fail_document(const std::string& file, const YAML::Mark& mark, const std::string& problem,
                                const std::string& fix) {
  fail_at(file, mark, "(document)", problem, fix);
}

// yaml-cpp 0.7 never consumes a stray flow token (',', ']', '}') at the start
// of a document: it reports an empty document and starts the next one at the
// same place, so YAML::LoadAll loops forever. Walking at most two documents
// and comparing where they start catches that, and counts documents on the way.
void check_one_document(const std::string& text, const std::string& file) {
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  DocumentStarts starts;
  while (starts.marks.size() < 2 && parser.HandleNextDocument(starts)) {
  }
  if (starts.marks.empty()) fail_document(file, YAML::Mark(), "the file is empty", "write the task (see docs/task-format.md)");
  if (starts.marks.size() == 1) return;
  const YAML::Mark& second = starts.marks[1];
  if (second.pos == starts.marks[0].pos) {
    const std::string token = second.pos >= 0 && static_cast<std::size_t>(second.pos) < text.size()
                                  ? text.substr(static_cast<std::size_t>(second.pos), 1)
                                  : "?";
    fail_document(file, second, "malformed YAML: unexpected '" + printable(token) + "'", "fix the YAML syntax");
  }
  fail_document(file, second, "more than one YAML document", "keep a single document (remove '---')");
}

}  // namespace

YAML::Node parse_single_document(const std::string& text, const std::string& file) {
  try {
    check_one_document(text, file);
    return YAML::Load(text);
  } catch (const YAML::ParserException& error) {
    fail_document(file, error.mark, "malformed YAML: " + error.msg, "fix the YAML syntax");
  }
}

}  // namespace kevo::fitness::loader
