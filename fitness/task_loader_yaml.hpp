#pragma once
// Parsing task.yaml text into a single YAML document. Private to the task loader.
#include <string>

#include <yaml-cpp/yaml.h>

namespace kevo::fitness::loader {

// The one document in `text`; a TaskError pointing into `file` when the text
// is malformed, empty, or holds more than one document.
YAML::Node parse_single_document(const std::string& text, const std::string& file);

}  // namespace kevo::fitness::loader
