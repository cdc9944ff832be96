// Drafting the first kernels of a task that has none: what the model is told
// (reference, calling convention, plan format with the task's own names),
// how its reply is read (one kernel block, one yaml plan block, the plan
// checked by the task loader's reader), the follow-up turn an unusable reply
// gets, and that repeated drafts are dropped.
#include <deque>

#include "catch_compat.hpp"
#include "fitness/task.hpp"
#include "operators/llm/draft_prompt.hpp"
#include "operators/llm/draft_reply.hpp"
#include "operators/llm/seed_drafter.hpp"
#include "scripted_transport.hpp"

using namespace kevo;
using namespace kevo::operators::llm;

namespace {

fitness::Task draft_axpy() { return fitness::load_task(std::string(KEVO_TEST_DATA_DIR) + "/tasks/draft_axpy"); }

const std::string kKernel =
    "#include <cstdint>\nvoid axpy(const float* x, const float* z, float* y, int64_t n) {\n"
    "  for (int64_t i = 0; i < n; ++i) y[i] = 2.0f * x[i] + z[i];\n}\n";
const std::string kPlan = "steps:\n  - kernel: axpy\n    args: [x, z, y, n]\n";

std::string reply(const std::string& kernel, const std::string& plan) {
  return "Here it is.\n```cpp\n" + kernel + "```\nLaunched as:\n```yaml\n" + plan + "```\n";
}

std::string refusal(const std::string& text) {
  try {
    draft_from_reply(text, draft_axpy(), "draft1", population::Language::cpp);
  } catch (const ReplyError& error) {
    return error.what();
  }
  return "accepted";
}

}  // namespace

TEST_CASE("draft reply: one kernel block and one yaml plan become a draft, anything else says what is wrong",
          "[llm]") {
  const fitness::KernelDraft draft = draft_from_reply(reply(kKernel, kPlan), draft_axpy(), "draft1",
                                                      population::Language::cpp);
  CHECK(draft.name == "draft1");
  CHECK(draft.source == kKernel);
  CHECK(draft.launch_yaml == kPlan);
  CHECK(refusal("```cpp\n" + kKernel + "```\n").find("0 ```yaml launch plan blocks") != std::string::npos);
  CHECK(refusal(reply(kKernel, kPlan) + "```cpp\nint other;\n```\n").find("2 kernel code blocks") !=
        std::string::npos);
  const std::string bad_arg = refusal(reply(kKernel, "steps:\n  - {kernel: axpy, args: [x, q, y, n]}\n"));
  CHECK(bad_arg.find("the launch plan was refused: draft1 launch plan:") == 0);
  CHECK(bad_arg.find("args[1]") != std::string::npos);
  CHECK(refusal(reply(kKernel, "steps:\n  - {kernel: saxpy, args: [x, z, y, n]}\n"))
            .find("calls 'saxpy', which the kernel source does not define") != std::string::npos);
  CHECK(refusal(reply("  \n", kPlan)).find("kernel block is empty") != std::string::npos);
}

TEST_CASE("draft prompt: the reference is the specification, in its own language, with the plan format",
          "[llm]") {
  fitness::Task task = draft_axpy();
  const auto cpu = fit_prompt(kernel_drafter_system_prompt(),
                              draft_prompt_parts({task, population::Language::cpp, ""}), 100'000)[1].content;
  CHECK(cpu.find("void reference(const float* x") != std::string::npos);
  CHECK(cpu.find("args: [x, z, y, n]") != std::string::npos);
  CHECK(cpu.find("- x (input, f32 (float), shape [n])") != std::string::npos);
  CHECK(cpu.find("int64_t") != std::string::npos);
  CHECK(cpu.find("grid:") == std::string::npos);  // not used on the CPU
  CHECK(cpu.find("Write the first cpp kernel") != std::string::npos);

  task.reference_kind = fitness::ReferenceKind::pytorch;
  task.reference_source = "class Model(torch.nn.Module):\n    pass\n";
  const auto gpu = fit_prompt(kernel_drafter_system_prompt(),
                              draft_prompt_parts({task, population::Language::cuda, "NVIDIA H100 (sm_90a)"}),
                              100'000)[1].content;
  CHECK(gpu.find("```python\nclass Model") != std::string::npos);
  CHECK(gpu.find("grid: [\"cdiv(n, 256)\", 1, 1]") != std::string::npos);
  CHECK(gpu.find("extern \"C\" __global__") != std::string::npos);
  CHECK(gpu.find("NVIDIA H100 (sm_90a)") != std::string::npos);
  // A reference too large for the budget is an error, not a prompt without its specification.
  task.reference_source = std::string(40'000, 'x');
  CHECK_THROWS_AS(fit_prompt(kernel_drafter_system_prompt(),
                             draft_prompt_parts({task, population::Language::cuda, ""}), 4'000),
                  PromptTooLarge);
}

TEST_CASE("seed drafter: an unusable reply gets one follow-up quoting its error, repeats are dropped", "[llm]") {
  const std::string other = "#include <cstdint>\nvoid axpy(const float* x, const float* z, float* y, int64_t n) {\n"
                            "  for (int64_t i = n; i-- > 0;) y[i] = z[i] + 2.0f * x[i];\n}\n";
  ScriptedTransport transport({"```cpp\n" + kKernel + "```\n", reply(kKernel, kPlan), reply(kKernel, kPlan),
                               reply(other, kPlan)});
  std::vector<std::unique_ptr<ChatClient>> clients;
  clients.push_back(client(endpoint("mock"), transport));
  LlmService service(std::move(clients), {}, 1);
  SeedDrafter drafter(service, "");
  const auto drafts = drafter.draft(draft_axpy(), population::Language::cpp, 3);

  REQUIRE(drafts.size() == 2);
  CHECK(drafts[0].name == "draft1");
  CHECK(drafts[0].source == kKernel);
  CHECK(drafts[1].name == "draft2");
  CHECK(drafts[1].source == other);
  REQUIRE(transport.bodies.size() == 4);
  const auto follow_up = nlohmann::json::parse(transport.bodies[1])["messages"];
  REQUIRE(follow_up.size() == 4);  // system, prompt, the unusable reply, what was wrong with it
  CHECK(follow_up[3]["content"].get<std::string>().find("could not be used: the reply has 0 ```yaml") !=
        std::string::npos);
  REQUIRE(drafter.failures().size() == 2);
  CHECK(drafter.failures()[1] == "draft 2 repeats an earlier one");
  const auto usage = service.usage();
  const auto drafted = usage.find({SeedDrafter::kOperatorName, "mock", ""});
  REQUIRE(drafted != usage.end());
  CHECK(drafted->second.calls == 4);
  CHECK(drafted->second.failures.at("unusable reply") == 1);
}
