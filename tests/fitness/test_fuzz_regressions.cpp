// Inputs found by the fuzzers (tests/fuzz/), kept so that they stay fixed.
#include <string>

#include "catch_compat.hpp"
#include "fitness/expr/expression.hpp"
#include "fitness/task.hpp"
#include "task_fixture.hpp"

using kevo::fitness::load_task;
using kevo::fitness::TaskError;
using kevo::test::TaskFolder;

namespace {

std::string load_error(const std::string& yaml) {
  const TaskFolder folder(yaml);
  try {
    load_task(folder.dir());
  } catch (const TaskError& error) {
    const std::string message = error.what();
    CHECK(message.rfind(folder.yaml_path() + ":", 0) == 0);
    CHECK(message.find('\n') == std::string::npos);
    return message;
  }
  FAIL("expected a TaskError");
  return "";
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

// fuzz_task_loader timeout-6f4a4fe8: yaml-cpp 0.7's LoadAll never returns when
// a document starts with a stray flow token.
TEST_CASE("fuzz regression: a stray ',' before the first document is an error, not a hang") {
  const std::string message = load_error(",ametiny_adddd\nsizes: {params: [n\n");
  CHECK(contains(message, ":1:1: key '(document)': malformed YAML: unexpected ','"));
  CHECK(contains(load_error(","), "unexpected ','"));
  CHECK(contains(load_error(",}"), "unexpected ','"));
  CHECK(contains(load_error("name: tiny_add\n---\n,\n"), ":2:1: key '(document)': more than one YAML document"));
}

// fuzz_task_loader crash-d7fa7ccc: control bytes in a key are quoted escaped,
// so the message stays on one line.
TEST_CASE("fuzz regression: keys with control bytes are quoted on one line") {
  const std::string message = load_error(std::string("\x0f") + "nap*internal erroron:  _ad\nssi{\n");
  CHECK(contains(message, ":1:1: key '\\x0fnap*internal erroron': unknown key"));
}
