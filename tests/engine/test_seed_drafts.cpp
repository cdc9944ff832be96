// A task with no seed kernel (an imported KernelBench problem, say): the
// campaign's LLM drafts the first kernels from the reference, over real HTTP
// to a scripted endpoint. The first draft that passes is the baseline, a
// wrong draft goes to repair like any LLM child, the drafts are kept in the
// archive (a resume reads them back, asking nothing) and as files with a
// seeds: block that loads as part of a task.yaml. With no LLM the campaign
// says how to give the task a seed.
#include <filesystem>
#include <fstream>

#include "catch_compat.hpp"
#include "engine/campaign/seed_drafts.hpp"
#include "llm_campaign_fixture.hpp"
#include "population/archive.hpp"
#include "scripted_chat_server.hpp"

using namespace kevo;

namespace {

const std::string kWrong =
    "#include <cstdint>\nvoid axpy(const float* x, const float* z, float* y, int64_t n) {\n"
    "  for (int64_t i = 0; i < n; ++i) y[i] = x[i] + z[i];\n}\n";
const std::string kRight =
    "#include <cstdint>\nvoid axpy2(const float* x, const float* z, float* y, int64_t n) {\n"
    "  for (int64_t i = 0; i < n; ++i) y[i] = 2.0f * x[i] + z[i];\n}\n";

nlohmann::json answer(const std::string& match, const std::string& content) {
  return {{"match", match}, {"content", content}};
}

std::string draft_reply(const std::string& kernel, const std::string& function) {
  return "```cpp\n" + kernel + "```\n```yaml\nsteps:\n  - kernel: " + function + "\n    args: [x, z, y, n]\n```\n";
}

engine::CampaignConfig draft_campaign(const test::TempFolder& root, const test::ScriptedChatServer& server) {
  auto config = test::llm_campaign(root, "drafted", server.url(), 6);
  config.tasks = {"draft_axpy"};
  config.islands = 2;  // the second island finds the drafts measured and leaves their repair to the first
  config.llm.drafts = 2;
  return config;
}

// The task folder with the drafted files and seeds.yaml pasted in, as a user would keep them.
std::filesystem::path task_with_kept_drafts(const std::filesystem::path& drafts, const std::filesystem::path& root) {
  const auto dir = root / "draft_axpy";
  std::filesystem::create_directories(dir);
  const auto source = std::filesystem::path(KEVO_TEST_DATA_DIR) / "tasks" / "draft_axpy";
  std::filesystem::copy_file(source / "reference.cpp", dir / "reference.cpp");
  for (const auto& file : std::filesystem::directory_iterator(drafts))
    if (file.path().extension() == ".cpp") std::filesystem::copy_file(file.path(), dir / file.path().filename());
  std::string yaml = test::read_file(source / "task.yaml");
  yaml.erase(yaml.find("seeds: []"));
  std::ofstream(dir / "task.yaml") << yaml << test::read_file(drafts / "seeds.yaml");
  return dir;
}

}  // namespace

TEST_CASE("a task with no seed starts from kernels the LLM drafts from its reference", "[campaign][slow][llm]") {
  auto script = nlohmann::json::array({answer("Launch plan format", draft_reply(kWrong, "axpy")),
                                       answer("Launch plan format", draft_reply(kRight, "axpy2")),
                                       answer("Fix this kernel", test::edit("y[i] = x[i] + z[i];",
                                                                      "y[i] = 2.0f * x[i] + z[i];  // repaired"))});
  for (int i = 0; i < 8; ++i)
    script.push_back(answer("Write a faster kernel", test::edit("#include <cstdint>", "#include <cstdint>\n// tuned " +
                                                                                    std::to_string(i))));
  script.push_back({{"content", "no code"}});
  test::ScriptedChatServer server(script);
  test::TempFolder root;
  const auto config = draft_campaign(root, server);

  const auto outcome = test::run_quietly(config);
  REQUIRE(outcome.tasks.size() == 1);
  const auto& result = outcome.tasks.front().result;
  CHECK(result.counters.evaluations == 6);
  const std::string device = result.best.evaluation.device_id;

  population::Archive archive(config.run_dir / "archive.sqlite");
  std::map<std::string, population::Variant> drafts;
  int repaired = 0, mutated = 0;
  for (const auto& variant : archive.all_variants("draft_axpy")) {
    if (variant.lineage.operator_name == "llm_draft") drafts[variant.seed_name] = variant;
    repaired += variant.lineage.operator_name == "llm_repair" ? 1 : 0;
    mutated += variant.lineage.operator_name == "llm_mutation" ? 1 : 0;
  }
  REQUIRE(drafts.size() == 2);
  CHECK(archive.find_evaluation(drafts["draft1"].content_hash(), device)->status ==
        population::EvalStatus::wrong_result);
  const auto right = archive.find_evaluation(drafts["draft2"].content_hash(), device);
  REQUIRE(right->ok());
  CHECK(result.baseline_seconds == *right->bench_seconds());  // the first draft that passed
  CHECK(repaired == 1);  // the wrong draft went back to the model with its error
  int repair_requests = 0;
  for (const auto& request : server.received())
    repair_requests += request["body"].get<std::string>().find("Fix this kernel") != std::string::npos ? 1 : 0;
  CHECK(repair_requests == 1);  // once, from the island that measured it
  CHECK(mutated >= 2);
  CHECK(test::read_file(config.run_dir / "report.md").find("| llm_draft | mock |") != std::string::npos);

  // Kept as files; the seeds: block loads as part of a task.yaml, with the same plans.
  const auto folder = config.run_dir / "drafts" / "draft_axpy";
  CHECK(test::read_file(folder / "draft2.cpp") == kRight);
  const auto kept = fitness::load_task(task_with_kept_drafts(folder, root.path() / "kept"));
  REQUIRE(kept.seeds.size() == 2);
  CHECK(kept.seeds[1].name == "draft2");
  CHECK(kept.seeds[1].launch == drafts["draft2"].launch);

  // A resume reads the drafts back from the archive and asks the model nothing.
  const auto asked = server.answered().size();
  engine::RunStore store(config.run_dir / "archive.sqlite");
  std::ostringstream sink;
  engine::Progress progress(sink, false);
  const auto resumed = engine::with_drafted_seeds(
      fitness::load_task(config.task_dir / "draft_axpy"),
      {store, nullptr, 2, population::Language::cpp, "", root.path() / "unused", progress});
  REQUIRE(resumed.seeds.size() == 2);
  CHECK(resumed.seeds[0].drafted);
  CHECK(resumed.seeds[1].source == kRight);
  CHECK(server.answered().size() == asked);
  CHECK_FALSE(std::filesystem::exists(root.path() / "unused"));
}

TEST_CASE("a task with no seed and no LLM stops with one line that says how to give it one", "[campaign]") {
  test::TempFolder root;
  auto config = test::small_campaign(root.path(), "seedless");
  config.tasks = {"draft_axpy"};
  config.search.operators = {"knob_mutation"};
  try {
    test::run_quietly(config);
    FAIL("the campaign ran a task with no seed");
  } catch (const std::runtime_error& error) {
    const std::string message = error.what();
    CHECK(message.find("task 'draft_axpy'") == 0);
    CHECK(message.find("has no seed kernel: add one under seeds:, or add an llm operator") != std::string::npos);
    CHECK(message.find("reference.cpp") != std::string::npos);
  }
}
