#include "engine/campaign/seed_drafts.hpp"

#include <fstream>
#include <stdexcept>

#include "operators/llm/seed_drafter.hpp"

namespace kevo::engine {

namespace {

using nlohmann::json;

std::string file_extension(population::Language language) {
  return language == population::Language::cuda ? ".cu" : language == population::Language::hip ? ".hip" : ".cpp";
}

json to_json(const std::vector<fitness::KernelDraft>& drafts) {
  json list = json::array();
  for (const auto& d : drafts) {
    list.push_back({{"name", d.name}, {"language", population::to_string(d.language)}, {"source", d.source},
                    {"launch_yaml", d.launch_yaml}});
  }
  return list;
}

std::vector<fitness::KernelDraft> drafts_from_json(const json& state) {
  std::vector<fitness::KernelDraft> drafts;
  for (const auto& d : state) {
    drafts.push_back({d.at("name").get<std::string>(),
                      population::language_from_string(d.at("language").get<std::string>()),
                      d.at("source").get<std::string>(), d.at("launch_yaml").get<std::string>()});
  }
  return drafts;
}

// Fresh or resumed, the drafts become seeds through the same reader.
std::vector<fitness::SeedSpec> seeds_of(const fitness::Task& task, const std::vector<fitness::KernelDraft>& drafts) {
  std::vector<fitness::SeedSpec> seeds;
  for (const auto& draft : drafts) seeds.push_back(fitness::seed_from_draft(task, draft));
  return seeds;
}

std::string indented(const std::string& text, const std::string& indent) {
  std::string out = indent;
  for (std::size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] == '\n' && i + 1 < text.size()) out += indent;
  }
  return out;
}

// Each draft as a source file, and seeds.yaml: the block that makes them
// permanent seeds of the task (copy the files next to task.yaml).
void write_files(const std::filesystem::path& folder, const std::vector<fitness::KernelDraft>& drafts) {
  std::filesystem::create_directories(folder);
  std::ofstream yaml(folder / "seeds.yaml");
  yaml << "# Drafted by the campaign's LLM from the task's reference. To keep them,\n"
          "# copy the source files next to task.yaml and this block into it.\n"
          "seeds:\n";
  for (const auto& d : drafts) {
    const std::string file = d.name + file_extension(d.language);
    std::ofstream(folder / file) << d.source;
    std::string plan = d.launch_yaml;
    if (plan.rfind("launch:", 0) != 0) plan = "launch:\n" + indented(plan, "  ");
    yaml << "  - name: " << d.name << "\n    file: " << file << "\n    language: " << population::to_string(d.language)
         << "\n" << indented(plan, "    ") << (plan.empty() || plan.back() == '\n' ? "" : "\n");
  }
}

}  // namespace

std::string drafts_state_key(const std::string& task) { return "drafts/" + task; }

fitness::Task with_drafted_seeds(fitness::Task task, const DraftSetup& setup) {
  if (!task.seeds.empty()) return task;
  if (auto stored = setup.store.state(drafts_state_key(task.name))) {
    task.seeds = seeds_of(task, drafts_from_json(*stored));
    setup.progress.message("[" + task.name + "] resumes from its " + std::to_string(task.seeds.size()) +
                           " drafted seed kernels");
    return task;
  }
  if (setup.llm == nullptr) {
    throw std::runtime_error("task '" + task.name + "' (" + (task.dir / "task.yaml").string() +
                             ") has no seed kernel: add one under seeds:, or add an llm operator (llm_mutation) "
                             "and an llm: endpoint to the campaign so that kevo drafts the first kernels from " +
                             task.reference_file.filename().string());
  }
  setup.progress.message("[" + task.name + "] has no seed: asking the LLM for " + std::to_string(setup.count) + " " +
                         population::to_string(setup.language) + " drafts from " +
                         task.reference_file.filename().string());
  operators::llm::SeedDrafter drafter(*setup.llm, setup.hardware_facts);
  const std::vector<fitness::KernelDraft> drafts = drafter.draft(task, setup.language, setup.count);
  if (drafts.empty()) {
    const auto& failures = drafter.failures();
    throw std::runtime_error("task '" + task.name + "': none of the LLM's replies gave a usable first kernel (" +
                             std::to_string(failures.size()) + " failures; last: " +
                             (failures.empty() ? "none recorded" : failures.back()) +
                             "); the exchanges are in the run's archive (kevo report shows the accounting)");
  }
  task.seeds = seeds_of(task, drafts);
  setup.store.commit({{}, {}, {{drafts_state_key(task.name), to_json(drafts)}}});
  write_files(setup.folder, drafts);
  setup.progress.message("[" + task.name + "] " + std::to_string(task.seeds.size()) + " drafts accepted, written to " +
                         setup.folder.string());
  return task;
}

}  // namespace kevo::engine
