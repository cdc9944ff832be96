// seed_from_draft: a model's kernel and launch plan, checked like task.yaml's
// seeds. The plan's file label ("draft1 launch plan") is what a model reads
// back when its plan is refused, so errors point into the text it wrote.
#include "fitness/task.hpp"
#include "fitness/task_loader_sections.hpp"
#include "fitness/task_loader_yaml.hpp"

namespace kevo::fitness {

SeedSpec seed_from_draft(const Task& task, const KernelDraft& draft) {
  SeedSpec seed;
  seed.name = draft.name;
  seed.language = draft.language;
  seed.source = draft.source;
  seed.drafted = true;
  const std::string label = draft.name + " launch plan";
  const YAML::Node root = loader::parse_single_document(draft.launch_yaml, label);
  const loader::Field document(root, label);
  const bool wrapped = root.IsMap() && root["launch"];
  try {
    seed.launch = loader::read_launch(wrapped ? document.required("launch") : document, task, seed);
  } catch (const TaskError&) {
    throw;
  } catch (const std::exception& error) {
    throw TaskError(label + ": " + loader::printable(error.what()));
  }
  return seed;
}

}  // namespace kevo::fitness
