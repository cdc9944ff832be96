// A campaign whose children come from llm_mutation, over real HTTP to a
// scripted local endpoint: children are evaluated like any other, a reply
// without code is a counted failure, the report accounts for every call, and
// the stored config names the key's variable, never the key.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>

#include "catch_compat.hpp"
#include "llm_campaign_fixture.hpp"
#include "scripted_chat_server.hpp"
#include "population/archive.hpp"

using namespace kevo;

namespace {

nlohmann::json reply_with(const std::string& content) {
  return {{"status", 200},
          {"body",
           {{"model", "mock-1"},
            {"choices", {{{"message", {{"role", "assistant"}, {"content", content}}}, {"finish_reason", "stop"}}}},
            {"usage", {{"prompt_tokens", 900}, {"completion_tokens", 100}}}}}};
}

}  // namespace

TEST_CASE("a campaign runs llm_mutation against an OpenAI-compatible endpoint", "[campaign][slow][llm]") {
  // Distinct edits, as a sampling model gives: each makes a new child of any parent.
  auto script = nlohmann::json::array();
  for (int i = 0; i < 12; ++i) {
    script.push_back(reply_with("<<<<<<< SEARCH\n#include <cstdint>\n=======\n#include <cstdint>\n// tuned " +
                                std::to_string(i) + "\n>>>>>>> REPLACE"));
    if (i == 0) script.push_back(reply_with("I would rather not."));
  }
  test::ScriptedChatServer server(script);
  ::setenv("KEVO_TEST_CAMPAIGN_KEY", "sk-campaign-secret", 1);
  test::TempFolder root;
  auto config = test::llm_campaign(root, "llm", server.url(), 6);
  auto& endpoint = config.llm.endpoints.front();
  endpoint.api_key_env = "KEVO_TEST_CAMPAIGN_KEY";
  endpoint.input_price_per_mtok = 0.5;
  endpoint.output_price_per_mtok = 2;

  const auto outcome = test::run_quietly(config);
  REQUIRE(outcome.tasks.size() == 1);
  CHECK(outcome.tasks.front().result.counters.evaluations == 6);

  population::Archive archive(config.run_dir / "archive.sqlite");
  int llm_children = 0;
  for (const auto& variant : archive.all_variants("engine_axpy")) {
    if (variant.lineage.operator_name != "llm_mutation") continue;
    ++llm_children;
    CHECK(variant.source.find("// tuned") != std::string::npos);
  }
  CHECK(llm_children >= 4);  // the budget less the seed, all from the model

  const std::string report = test::read_file(config.run_dir / "report.md");
  CHECK(report.find("## LLM calls") != std::string::npos);
  CHECK(report.find("| llm_mutation | mock | - |") != std::string::npos);
  CHECK(report.find("unusable reply 1") != std::string::npos);
  const std::string stored = test::read_file(config.run_dir / "config.yaml");
  CHECK(stored.find("KEVO_TEST_CAMPAIGN_KEY") != std::string::npos);
  CHECK(stored.find("sk-campaign-secret") == std::string::npos);
  CHECK(report.find("sk-campaign-secret") == std::string::npos);
  const auto received = server.received();
  for (const auto& request : received) CHECK(request["authorization"] == "Bearer sk-campaign-secret");
  ::unsetenv("KEVO_TEST_CAMPAIGN_KEY");

  // Every exchange is in the archive, bodies only: the key is nowhere in the file.
  const auto exchanges = archive.exchanges();
  CHECK(exchanges.size() == received.size());
  CHECK(exchanges.front().service == "mock");
  CHECK(exchanges.front().status == 200);
  CHECK(test::read_file(config.run_dir / "archive.sqlite").find("sk-campaign-secret") == std::string::npos);

  // Replayed from that archive with no endpoint and no key: the same replies, offline.
  auto replay = config;
  replay.name = "llm-replay";
  replay.run_dir = root.path() / "llm-replay";
  replay.llm.endpoints.front().base_url = "http://127.0.0.1:9/v1";  // nothing listens there
  replay.llm.replay_from = config.run_dir / "archive.sqlite";
  const auto replayed = test::run_quietly(replay);
  // Re-measured times change prompts and so, through selection, which calls
  // are made; a replay can run out of recorded answers before the budget.
  CHECK(replayed.tasks.front().result.counters.evaluations >= 5);
  CHECK(test::read_file(replay.run_dir / "report.md").find("network error") == std::string::npos);
  population::Archive replay_archive(replay.run_dir / "archive.sqlite");
  int replayed_children = 0;
  for (const auto& variant : replay_archive.all_variants("engine_axpy"))
    replayed_children += variant.lineage.operator_name == "llm_mutation" ? 1 : 0;
  CHECK(replayed_children >= 4);
  CHECK(replay_archive.exchanges().size() >= 5);  // the replay is recorded in turn
}

TEST_CASE("a child that does not compile goes back to the model with its error, and the repair runs",
          "[campaign][slow][llm]") {
  const std::string broken =
      "<<<<<<< SEARCH\n#include <cstdint>\n=======\n#include <cstdint>\nthis is not C++;\n>>>>>>> REPLACE";
  const std::string fixed = "<<<<<<< SEARCH\nthis is not C++;\n=======\n// repaired\n>>>>>>> REPLACE";
  test::ScriptedChatServer server(nlohmann::json::array({reply_with(broken), reply_with(fixed), reply_with("no code")}));
  test::TempFolder root;
  auto config = test::llm_campaign(root, "llm-repair", server.url(), 3);
  config.search.children_per_generation = 1;
  const auto outcome = test::run_quietly(config);
  const std::string device = outcome.tasks.front().result.best.evaluation.device_id;

  population::Archive archive(config.run_dir / "archive.sqlite");
  std::optional<population::Variant> failed, repaired;
  for (const auto& variant : archive.all_variants("engine_axpy")) {
    if (variant.lineage.operator_name == "llm_mutation") failed = variant;
    if (variant.lineage.operator_name == "llm_repair") repaired = variant;
  }
  REQUIRE(failed.has_value());
  REQUIRE(repaired.has_value());
  CHECK(repaired->lineage.parent_ids == std::vector<std::string>{failed->content_hash()});
  CHECK(archive.find_evaluation(failed->content_hash(), device)->status == population::EvalStatus::compile_error);
  CHECK(archive.find_evaluation(repaired->content_hash(), device)->ok());
  const auto received = server.received();
  REQUIRE(received.size() >= 2);
  const std::string repair_prompt = received[1]["body"].get<std::string>();
  CHECK(repair_prompt.find("What went wrong (compile_error)") != std::string::npos);
  CHECK(repair_prompt.find("this is not C++") != std::string::npos);
}

TEST_CASE("a campaign rides out endpoint faults: retries, an unusable reply and a repaired child, all accounted",
          "[campaign][slow][llm]") {
  const std::string broken_line = "static_assert(sizeof(float) == 4, \"fp32\")";  // no semicolon
  const nlohmann::json script = nlohmann::json::array({
      {{"match", "What went wrong (compile_error)"}, {"content", test::edit(broken_line, broken_line + ";")}, {"times", 0}},
      {{"status", 429}, {"body", "slow down"}, {"headers", {{"Retry-After", "0.2"}}}},
      {{"content", test::edit("#include <cstdint>", "#include <cstdint>\n// tuned 0")}},
      {{"status", 500}, {"body", "upstream error"}},
      {{"content", test::edit("#include <cstdint>", "#include <cstdint>\n" + broken_line)}},
      {{"content", "x"}, {"fault", "drop"}},
      {{"content", "Use SIMD, it will be faster."}},
      {{"content", "x"}, {"fault", "truncate"}},
      {{"content", test::edit("#include <cstdint>", "#include <cstdint>\n// tuned 1")}},
      {{"content", test::edit("#include <cstdint>", "#include <cstdint>\n// tuned 2")}},
  });
  test::ScriptedChatServer server(script);
  test::TempFolder root;
  auto config = test::llm_campaign(root, "llm-faults", server.url(), 5);
  config.search.children_per_generation = 1;
  config.llm.endpoints.front().retry.base_delay_seconds = 0.05;
  config.llm.endpoints.front().input_price_per_mtok = 1;
  const auto outcome = test::run_quietly(config);
  CHECK(outcome.tasks.front().result.counters.evaluations == 5);  // seed, tuned 0, broken, repaired, tuned 1

  const auto answered = server.answered();
  for (const std::string fault : {"429", "500", "200 drop", "200 truncate"})
    CHECK(std::count(answered.begin(), answered.end(), fault) == 1);
  const std::string report = test::read_file(config.run_dir / "report.md");
  INFO(report);
  // Four mutation calls (tuned 0, broken, no code, tuned 1), each fault retried away once.
  CHECK(report.find("| llm_mutation | mock | - | 4 | 3600 | 400 | 0.0036 |") != std::string::npos);
  CHECK(report.find("| 4 | unusable reply 1 |") != std::string::npos);
  CHECK(report.find("| llm_repair | mock | - | 1 | 900 | 100 | 0.0009 |") != std::string::npos);

  population::Archive archive(config.run_dir / "archive.sqlite");
  int repaired_ok = 0;
  for (const auto& variant : archive.all_variants("engine_axpy")) {
    if (variant.lineage.operator_name != "llm_repair") continue;
    CHECK(variant.source.find(broken_line + ";") != std::string::npos);
    repaired_ok += archive.find_evaluation(variant.content_hash(), outcome.tasks.front().result.best.evaluation.device_id)
                       ->ok();
  }
  CHECK(repaired_ok == 1);
  // Every request is on record, the unanswered ones (drop, truncate) with status 0.
  const auto exchanges = archive.exchanges();
  CHECK(exchanges.size() == answered.size());
  CHECK(std::count_if(exchanges.begin(), exchanges.end(), [](const auto& e) { return e.status == 0; }) == 2);
}

TEST_CASE("a model that never gives usable code costs one call per child, and the run ends", "[campaign][slow][llm]") {
  test::ScriptedChatServer server(nlohmann::json::array({reply_with("I cannot write kernels.")}));
  test::TempFolder root;
  auto config = test::llm_campaign(root, "llm-useless", server.url(), 50);
  const auto outcome = test::run_quietly(config);
  CHECK(outcome.tasks.front().result.counters.evaluations == 1);  // the seed alone
  // The island gives up after idle_generations_limit (5) generations of
  // children_per_generation (3) children: one call each, no redraws.
  CHECK(server.received().size() == 15);
  CHECK(test::read_file(config.run_dir / "report.md").find("unusable reply 15") != std::string::npos);
}

TEST_CASE("campaign config: llm endpoints are read strictly and required by llm operators", "[campaign][llm]") {
  const auto config = engine::parse_campaign(R"(
name: c
tasks: [t]
search: {operators: [llm_mutation, knob_mutation]}
llm:
  max_tokens: 500000
  endpoints:
    - {name: cheap, base_url: "http://localhost:8000/v1", model: small, weight: 9, input_price_per_mtok: 0.1}
    - {name: strong, base_url: "https://api.example.com/v1", model: big, api_key_env: EXAMPLE_KEY}
)", "<test>");
  REQUIRE(config.llm.endpoints.size() == 2);
  CHECK(config.llm.endpoints[0].weight == 9);
  CHECK(config.llm.endpoints[0].input_price_per_mtok == 0.1);
  CHECK(config.llm.endpoints[1].api_key_env == "EXAMPLE_KEY");
  CHECK(config.llm.budget.max_tokens == 500000);
  const auto again = engine::parse_campaign(engine::to_yaml(config), "<round trip>");
  CHECK(again.llm.endpoints.size() == 2);
  CHECK(again.llm.endpoints[1].model == "big");

  CHECK_THROWS_WITH(engine::parse_campaign("name: c\ntasks: [t]\nsearch: {operators: [llm_mutation]}\n", "<t>"),
                    KEVO_CONTAINS("'llm_mutation' needs an LLM endpoint"));
  CHECK_THROWS_WITH(engine::parse_campaign("name: c\ntasks: [t]\nllm: {endpoints: [{name: a, model: m}]}\n", "<t>"),
                    KEVO_CONTAINS("key 'llm.endpoints[0].base_url': is missing"));
  // A key written into the campaign file is refused: only its variable's name belongs there.
  CHECK_THROWS_WITH(engine::parse_campaign(
                        "name: c\ntasks: [t]\nllm: {endpoints: [{name: a, base_url: u, model: m, api_key: sk-1}]}\n",
                        "<t>"),
                    KEVO_CONTAINS("key 'llm.endpoints[0].api_key': unknown key"));
}

TEST_CASE("the README's no-model LLM demo (configs/campaigns/llm-mock.yaml) runs as documented", "[campaign][slow][llm]") {
  const std::filesystem::path source(KEVO_SOURCE_DIR);
  std::ifstream script_file(source / "tests" / "data" / "llm" / "row_reduce_script.json");
  test::ScriptedChatServer server(nlohmann::json::parse(script_file));
  test::TempFolder root;
  auto config = engine::load_campaign(source / "configs" / "campaigns" / "llm-mock.yaml");
  config.run_dir = root.path() / "llm-mock";
  config.task_dir = source / "configs" / "tasks";
  config.cache_dir = root.path() / "cache";
  config.llm.endpoints.front().base_url = server.url();  // the demo's fixed port may be taken here
  const auto outcome = test::run_quietly(config);
  CHECK(outcome.tasks.front().result.counters.evaluations == config.budget.evaluations);
  const auto answered = server.answered();
  for (const std::string fault : {"429", "500", "200 drop", "200 truncate"})
    CHECK(std::count(answered.begin(), answered.end(), fault) == 1);
  const std::string report = test::read_file(config.run_dir / "report.md");
  CHECK(report.find("| llm_mutation | scripted | - | 5 |") != std::string::npos);
  CHECK(report.find("| 4 | unusable reply 1 |") != std::string::npos);
  CHECK(report.find("| llm_repair | scripted | - | 1 |") != std::string::npos);
}
