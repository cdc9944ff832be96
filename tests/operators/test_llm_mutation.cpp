// LLM mutation end to end against scripted endpoints: the prompt carries what
// the model needs and fits the token budget, a usable reply becomes a child,
// an unusable one is a counted failure, and the campaign's token budget and
// endpoint weights hold.
#include <deque>

#include <nlohmann/json.hpp>

#include "catch_compat.hpp"
#include "scripted_transport.hpp"
#include "fitness/task.hpp"
#include "operators/llm/llm_mutation.hpp"
#include "fitness/hardware/profile_catalog.hpp"
#include "operators/llm/hardware_facts.hpp"
#include "operators/llm/mutation_prompt.hpp"
#include "operators/registry.hpp"
#include "fitness/profile/counter_diagnosis.hpp"

using namespace kevo::operators;
using namespace kevo::operators::llm;

namespace {

kevo::fitness::Task axpy() { return kevo::fitness::load_task(std::string(KEVO_TEST_DATA_DIR) + "/tasks/engine_axpy"); }


}  // namespace

TEST_CASE("prompt budget: history goes first, required parts never, and too little room is an error", "[llm]") {
  const std::vector<PromptPart> parts = {{"Task", std::string(400, 't'), true},
                                         {"Old attempt", std::string(400, 'o'), false, 2},
                                         {"Recent attempt", std::string(400, 'r'), false, 1},
                                         {"Parent", std::string(400, 'p'), true}};
  const auto all = fit_prompt("sys", parts, 10'000);
  CHECK(all[1].content.find("Old attempt") != std::string::npos);
  const auto tight = fit_prompt("sys", parts, 360);  // room for three parts of ~105 tokens
  CHECK(tight[1].content.find("Old attempt") == std::string::npos);
  CHECK(tight[1].content.find("Recent attempt") != std::string::npos);
  CHECK(estimate_tokens(tight[0].content) + estimate_tokens(tight[1].content) <= 360);
  CHECK_THROWS_AS(fit_prompt("sys", parts, 150), PromptTooLarge);
}

TEST_CASE("llm mutation: the reply's kernel becomes a child with lineage and strategy", "[llm]") {
  const auto task = axpy();
  auto parent = task.seed_variant(task.seeds.front());
  const std::string edit = "<<<<<<< SEARCH\n" + parent.source.substr(0, parent.source.find('\n')) +
                           "\n=======\n// rewritten by the model\n>>>>>>> REPLACE\n";
  ScriptedTransport transport({edit, "Sorry, no code today."});
  std::vector<std::unique_ptr<ChatClient>> clients;
  clients.push_back(client(endpoint("cheap"), transport));
  LlmService service(std::move(clients), {}, 3);
  const auto catalogue = strategy::StrategyCatalogue::from_families(
      {{"compute", "compute strategies", {{"loop_unrolling", "compute", "Unroll the inner loop by UNROLL."}}}});
  LlmMutation mutation(service, &catalogue, "NVIDIA H100 SXM5 80GB (sm_90a): 132 compute units");
  std::mt19937_64 rng(1);
  OperatorContext context{task, rng, 4, 1, "loop_unrolling"};

  const auto children = mutation.apply({{&parent, nullptr}}, 1, context);
  REQUIRE(children.size() == 1);
  CHECK(children[0].source.find("// rewritten by the model") != std::string::npos);
  CHECK(children[0].knobs == parent.knobs);
  CHECK(children[0].lineage.operator_name == "llm_mutation");
  CHECK(children[0].lineage.strategy == "loop_unrolling");
  CHECK(children[0].lineage.parent_ids == std::vector<std::string>{parent.content_hash()});
  const std::string prompt = user_prompt(transport.bodies[0]);
  CHECK(prompt.find(parent.source) != std::string::npos);
  CHECK(prompt.find("Unroll the inner loop by UNROLL.") != std::string::npos);
  CHECK(prompt.find(task.reference_source) != std::string::npos);
  CHECK(prompt.find("## The device\n\nNVIDIA H100 SXM5 80GB (sm_90a): 132 compute units") != std::string::npos);

  CHECK(mutation.apply({{&parent, nullptr}}, 1, context).empty());  // "Sorry, no code today."
  CHECK_THAT(mutation.last_failure(), KEVO_CONTAINS("no code block"));
  const auto usage = service.usage().at({"llm_mutation", "cheap", "loop_unrolling"});
  CHECK(usage.calls == 2);
  CHECK(usage.prompt_tokens == 2000);
  CHECK(usage.completion_tokens == 400);
  CHECK(usage.cost == Approx((2000 * 1.0 + 400 * 4.0) / 1e6));
  CHECK(usage.failures.at("unusable reply") == 1);
}

TEST_CASE("llm service: the token budget stops calls cleanly, endpoints share calls by weight", "[llm]") {
  const auto task = axpy();
  auto parent = task.seed_variant(task.seeds.front());
  ScriptedTransport cheap_transport({"```cpp\n// cheap\n```"});
  ScriptedTransport strong_transport({"```cpp\n// strong\n```"});
  std::vector<std::unique_ptr<ChatClient>> clients;
  clients.push_back(client(endpoint("cheap", 9), cheap_transport));
  clients.push_back(client(endpoint("strong", 1), strong_transport));
  LlmService service(std::move(clients), {1200 * 200, 0}, 5);  // room for 200 calls of 1200 tokens
  LlmMutation mutation(service, nullptr);
  std::mt19937_64 rng(2);
  OperatorContext context{task, rng, 1, 0, ""};
  int children = 0;
  for (int i = 0; i < 250; ++i) children += static_cast<int>(mutation.apply({{&parent, nullptr}}, 1, context).size());
  CHECK(children == 200);
  CHECK(service.budget_spent());
  CHECK_THAT(mutation.last_failure(), KEVO_CONTAINS("LLM budget is spent"));
  const double cheap = static_cast<double>(cheap_transport.bodies.size());
  CHECK(cheap_transport.bodies.size() + strong_transport.bodies.size() == 200);
  CHECK(cheap / 200 > 0.8);  // weight 9 of 10
  CHECK(cheap / 200 < 0.97);

  // A resumed campaign continues from what was spent: the budget stays spent.
  std::vector<std::unique_ptr<ChatClient>> again;
  again.push_back(client(endpoint("cheap"), cheap_transport));
  LlmService resumed(std::move(again), {1200 * 200, 0}, 5);
  resumed.restore(service.usage());
  CHECK(resumed.budget_spent());
}

TEST_CASE("llm crossover: both parents go to the model, the child is the first parent's", "[llm]") {
  const auto task = axpy();
  auto first = task.seed_variant(task.seeds.front());
  auto second = first;
  second.knobs["UNROLL"] = 4;
  second.source += "// the second parent\n";
  ScriptedTransport transport({"```cpp\n// combined\n```"});
  std::vector<std::unique_ptr<ChatClient>> clients;
  clients.push_back(client(endpoint("cheap"), transport));
  LlmService service(std::move(clients), {}, 3);
  auto crossover = make_operator("llm_crossover", {&service, nullptr, ""});
  std::mt19937_64 rng(1);
  OperatorContext context{task, rng, 2, 0, ""};
  const auto children = crossover->apply({{&first, nullptr}, {&second, nullptr}}, 1, context);
  REQUIRE(children.size() == 1);
  CHECK(children[0].source == "// combined\n");
  CHECK(children[0].knobs == first.knobs);
  CHECK(children[0].lineage.operator_name == "llm_crossover");
  CHECK(children[0].lineage.parent_ids == std::vector<std::string>{first.content_hash(), second.content_hash()});
  const std::string prompt = user_prompt(transport.bodies[0]);
  CHECK(prompt.find("// the second parent") != std::string::npos);
  CHECK(prompt.find("Parent 1") != std::string::npos);
}

TEST_CASE("hardware facts: a profile's limits and roofs, measured ones preferred", "[llm]") {
  const auto catalog = kevo::fitness::hardware::ProfileCatalog::load(std::string(KEVO_SOURCE_DIR) + "/hardware_profiles");
  const std::string facts = hardware_facts(catalog.match("NVIDIA H100 80GB HBM3", kevo::fitness::hardware::Vendor::nvidia));
  CHECK(facts.find("sm_90a") != std::string::npos);
  CHECK(facts.find("132 compute units") != std::string::npos);
  CHECK(facts.find("warp size 32") != std::string::npos);
  CHECK(facts.find("(measured copy)") != std::string::npos);  // hardware_profiles/measured/h100_sxm.yaml
  CHECK(facts.find("fp32") != std::string::npos);
}

TEST_CASE("hardware notes: BM25 brings the notes about this situation, and they reach the prompt", "[llm]") {
  const auto notes = NotesIndex::load(std::string(KEVO_SOURCE_DIR) + "/hardware_profiles/notes");
  REQUIRE(notes.size() >= 5);
  const auto banks = notes.search("transpose tile shared memory bank conflicts", 2);
  REQUIRE_FALSE(banks.empty());
  CHECK(banks.front()->name == "shared-memory-bank-conflicts");
  const auto reduce = notes.search("warp_reduction row softmax shuffle", 1);
  REQUIRE(reduce.size() == 1);
  CHECK(reduce.front()->name == "warp-shuffle-reductions");
  CHECK(notes.search("zebra giraffe", 3).empty());
  CHECK(NotesIndex::load("/nonexistent/notes").size() == 0);
  CHECK(note_words("Use sm_90a, NOT float4!") == std::vector<std::string>{"use", "sm_90a", "not", "float4"});

  const auto task = axpy();
  auto parent = task.seed_variant(task.seeds.front());
  ScriptedTransport transport({"```cpp\n// new\n```"});
  std::vector<std::unique_ptr<ChatClient>> clients;
  clients.push_back(client(endpoint("cheap"), transport));
  LlmService service(std::move(clients), {}, 3);
  const auto catalogue = strategy::StrategyCatalogue::from_families(
      {{"compute", "d", {{"warp_reduction", "compute", "Reduce within a warp with shuffles."}}}});
  LlmMutation mutation(service, &catalogue, "NVIDIA H100 (sm_90a): 132 compute units", &notes);
  std::mt19937_64 rng(1);
  OperatorContext context{task, rng, 1, 0, "warp_reduction"};
  REQUIRE(mutation.apply({{&parent, nullptr}}, 1, context).size() == 1);
  const std::string prompt = user_prompt(transport.bodies[0]);
  CHECK(prompt.find("## Notes that may apply") != std::string::npos);
  CHECK(prompt.find("# Warp-level reductions") != std::string::npos);
}

TEST_CASE("prompt: a profiled parent's counters reach the prompt as ranked limiters", "[llm][counters]") {
  const auto task = axpy();
  const auto parent = task.seed_variant(task.seeds.front());
  kevo::population::Evaluation measured;
  measured.status = kevo::population::EvalStatus::ok;
  measured.bound = "latency";
  const auto plain = mutation_prompt_parts({task, parent, &measured, nullptr, ""});
  for (const auto& part : plain) CHECK(part.title.find("What limits") == std::string::npos);

  // Few warps and strided loads: what the counters of a naive kernel show,
  // its DRAM traffic what the task's formula says.
  const double bytes = kevo::fitness::profile::formula_bytes(task);
  measured.counters = kevo::population::CounterProfile{
      {{"axpy",
        {{"gpu__time_duration.sum", 1e5},
         {"dram__bytes_read.sum", bytes},
         {"sm__warps_active.avg.pct_of_peak_sustained_active", 6},
         {"sm__throughput.avg.pct_of_peak_sustained_elapsed", 3},
         {"gpu__compute_memory_throughput.avg.pct_of_peak_sustained_elapsed", 20},
         {"sm__sass_data_bytes_mem_global_op_ld.sum", bytes},
         {"l1tex__t_sectors_pipe_lsu_mem_global_op_ld.sum", bytes / 2}}}},
      11,
      0.4,
      "latency"};
  const auto parts = mutation_prompt_parts({task, parent, &measured, nullptr, ""});
  std::string limits;
  for (const auto& part : parts) {
    if (part.title.find("What limits the parent") != std::string::npos) limits = part.text;
  }
  INFO(limits);
  CHECK_THAT(limits, KEVO_CONTAINS("achieved occupancy 6%"));
  CHECK_THAT(limits, KEVO_CONTAINS("bound: latency/uncoalesced"));
  CHECK_THAT(limits, KEVO_CONTAINS("1. uncoalesced global access: loads use 6%"));
  CHECK_THAT(limits, KEVO_CONTAINS("2. achieved occupancy 6% of the warp slots"));
}
