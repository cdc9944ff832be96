// Reading kernels out of model replies: whole-kernel code blocks and
// search/replace edits are accepted; everything else is a named failure.
#include "catch_compat.hpp"
#include "operators/llm/kernel_reply.hpp"

using kevo::operators::llm::kernel_from_reply;
using kevo::operators::llm::ReplyError;

namespace {
const std::string kParent =
    "__global__ void k(float* y, const float* x, int n) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n) y[i] = 2.0f * x[i];\n"
    "}\n";
}  // namespace

TEST_CASE("kernel reply: one fenced block is the whole new kernel", "[llm]") {
  const std::string reply = "Here is a faster kernel:\n```cuda\n__global__ void k() {}\n```\nIt uses float4.";
  CHECK(kernel_from_reply(reply, kParent) == "__global__ void k() {}\n");
}

TEST_CASE("kernel reply: search/replace edits apply to the parent's source in order", "[llm]") {
  const std::string reply =
      "Two changes.\n"
      "<<<<<<< SEARCH\n  if (i < n) y[i] = 2.0f * x[i];\n=======\n  if (i < n) y[i] = x[i] + x[i];\n>>>>>>> REPLACE\n"
      "and\n"
      "<<<<<<< SEARCH\n  int i = blockIdx.x * blockDim.x + threadIdx.x;\n=======\n>>>>>>> REPLACE\n";
  const std::string child = kernel_from_reply(reply, kParent);
  CHECK(child.find("x[i] + x[i]") != std::string::npos);
  CHECK(child.find("int i =") == std::string::npos);  // an empty replacement deletes
}

TEST_CASE("kernel reply: replies without usable code are failures that say why", "[llm]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"I cannot help with that.", "no code block and no SEARCH/REPLACE edit"},
      {"```cuda\nA\n```\nor\n```cuda\nB\n```\n", "2 code blocks"},
      {"```cuda\n__global__ void k() {}\n", "never closed"},
      {"```cuda\n" + kParent + "```\n", "does not change the parent"},
      {"```\n   \n```\n", "empty"},
      {"<<<<<<< SEARCH\nnot in the parent\n=======\nx\n>>>>>>> REPLACE\n", "edit 1: its SEARCH text is not in"},
      {"<<<<<<< SEARCH\n  if (i < n) y[i] = 2.0f * x[i];\n>>>>>>> REPLACE\n", "edit 1 has no ======= line"},
      {"<<<<<<< SEARCH\n=======\nx\n>>>>>>> REPLACE\n", "empty SEARCH"},
      {"<<<<<<< SEARCH\n  int i\n=======\nx\n", "no >>>>>>> REPLACE line"},
  };
  for (const auto& [reply, said] : cases) {
    INFO(reply);
    CHECK_THROWS_AS(kernel_from_reply(reply, kParent), ReplyError);
    CHECK_THROWS_WITH(kernel_from_reply(reply, kParent), KEVO_CONTAINS(said));
  }
  const std::string twice = "a;\na;\n";
  CHECK_THROWS_WITH(kernel_from_reply("<<<<<<< SEARCH\na;\n=======\nb;\n>>>>>>> REPLACE\n", twice),
                    KEVO_CONTAINS("occurs 2 times"));
}
