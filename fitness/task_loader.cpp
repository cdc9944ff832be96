// load_task: reads configs/tasks/<name>/task.yaml (docs/task-format.md) and
// validates it strictly. Every failure is a one-line TaskError pointing at
// file:line:column and the dotted key.
#include <fstream>
#include <sstream>
#include <system_error>

#include "fitness/task.hpp"
#include "fitness/task_loader_sections.hpp"
#include "fitness/task_loader_yaml.hpp"

namespace kevo::fitness {

namespace {

using loader::Field;

// A task.yaml is a page of text; anything bigger is the wrong file.
constexpr std::uintmax_t kMaxTaskFileBytes = 1u << 20;

std::string read_task_file(const std::filesystem::path& task_dir, const std::string& file) {
  std::error_code error;
  if (!std::filesystem::is_directory(task_dir, error)) {
    throw TaskError(task_dir.string() + ": task folder not found; pass the folder that holds task.yaml");
  }
  const std::filesystem::path path = task_dir / "task.yaml";
  if (!std::filesystem::is_regular_file(path, error)) {
    throw TaskError(file + ": file not found; create it (see docs/task-format.md)");
  }
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error || size > kMaxTaskFileBytes) {
    throw TaskError(file + ": unreadable or larger than 1 MiB; check the file");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw TaskError(file + ": cannot read the file; check its permissions");
  return text.str();
}

std::string read_task_name(const Field& field, const std::filesystem::path& task_dir) {
  const std::string name = field.text();
  std::error_code error;
  std::filesystem::path folder = std::filesystem::weakly_canonical(task_dir, error);
  if (error) folder = task_dir.lexically_normal();
  if (!folder.has_filename()) folder = folder.parent_path();
  if (name != folder.filename().string()) {
    field.fail("name '" + loader::printable(name) + "' does not match the folder name '" +
                   loader::printable(folder.filename().string()) + "'",
               "rename the task or its folder");
  }
  return name;
}

Task read_task(const Field& root, const std::filesystem::path& task_dir) {
  root.allow_keys({"name", "description", "sizes", "tensors", "interface", "tolerance", "flops", "bytes",
                   "reference", "reference_function", "gpu_reference", "compute", "seeds"});
  Task task;
  task.dir = task_dir;
  task.name = read_task_name(root.required("name"), task_dir);
  if (const std::optional<Field> description = root.optional("description")) task.description = description->text();
  loader::read_sizes(root.required("sizes"), task);
  task.tensors = loader::read_tensors(root.required("tensors"), task);
  task.interface = loader::read_interface(root.required("interface"), task);
  if (const std::optional<Field> tolerance = root.optional("tolerance")) {
    task.tolerance = loader::read_tolerance(*tolerance);
  }
  if (const std::optional<Field> flops = root.optional("flops")) task.flops = loader::read_size_formula(*flops, task);
  if (const std::optional<Field> bytes = root.optional("bytes")) task.bytes = loader::read_size_formula(*bytes, task);
  task.reference_source = loader::read_named_file(root.required("reference"), task_dir, task.reference_file);
  if (task.reference_file.extension() == ".py") task.reference_kind = ReferenceKind::pytorch;
  if (const std::optional<Field> function = root.optional("reference_function")) {
    task.reference_function = function->identifier();
  }
  if (const std::optional<Field> compute = root.optional("compute")) task.compute = loader::read_compute(*compute);
  if (const std::optional<Field> gpu = root.optional("gpu_reference")) {
    task.gpu_reference = loader::read_gpu_reference(*gpu, task);
  }
  if (const std::optional<Field> seeds = root.optional("seeds")) task.seeds = loader::read_seeds(*seeds, task);
  return task;
}

}  // namespace

Task load_task(const std::filesystem::path& task_dir) {
  const std::string file = (task_dir / "task.yaml").string();
  const std::string text = read_task_file(task_dir, file);
  const YAML::Node root = loader::parse_single_document(text, file);
  try {
    return read_task(Field(root, file), task_dir);
  } catch (const TaskError&) {
    throw;
  } catch (const std::exception& error) {
    // The readers check before they convert, so this is a loader bug; it is
    // still reported as a TaskError so that callers handle one kind of error.
    throw TaskError(file + ": internal error while loading the task (" + loader::printable(error.what()) +
                    "); please report this as a kevo bug");
  }
}

}  // namespace kevo::fitness
