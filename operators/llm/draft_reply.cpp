#include "operators/llm/draft_reply.hpp"

namespace kevo::operators::llm {

namespace {

bool is_yaml(const CodeBlock& block) { return block.tag == "yaml" || block.tag == "yml"; }

const CodeBlock& only_one(const std::vector<const CodeBlock*>& blocks, const std::string& what) {
  if (blocks.size() != 1) {
    throw ReplyError("the reply has " + std::to_string(blocks.size()) + " " + what +
                     "; give exactly one kernel block and one ```yaml launch plan block");
  }
  return *blocks.front();
}

}  // namespace

fitness::KernelDraft draft_from_reply(const std::string& reply, const fitness::Task& task, const std::string& name,
                                  population::Language language) {
  const std::vector<CodeBlock> blocks = code_blocks(reply);
  std::vector<const CodeBlock*> plans;
  std::vector<const CodeBlock*> kernels;
  for (const CodeBlock& block : blocks) (is_yaml(block) ? plans : kernels).push_back(&block);
  const CodeBlock& kernel = only_one(kernels, "kernel code blocks");
  const CodeBlock& plan = only_one(plans, "```yaml launch plan blocks");
  if (kernel.text.find_first_not_of(" \t\r\n") == std::string::npos) throw ReplyError("the kernel block is empty");
  fitness::KernelDraft draft{name, language, kernel.text, plan.text};
  fitness::SeedSpec seed;
  try {
    seed = fitness::seed_from_draft(task, draft);
  } catch (const fitness::TaskError& error) {
    throw ReplyError(std::string("the launch plan was refused: ") + error.what());
  }
  for (const auto& step : seed.launch.steps) {
    if (kernel.text.find(step.kernel) == std::string::npos)
      throw ReplyError("the launch plan calls '" + step.kernel + "', which the kernel source does not define");
  }
  return draft;
}

}  // namespace kevo::operators::llm
