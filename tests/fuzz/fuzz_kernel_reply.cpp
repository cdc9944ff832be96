// libFuzzer target: reading a model's reply must never crash, whatever the
// reply and whatever the parent. The input is "parent NUL reply" (no NUL:
// a fixed parent). ReplyError is the only acceptable failure, and a kernel
// that is returned must be non-empty and differ from its parent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "operators/llm/kernel_reply.hpp"

namespace {

constexpr const char* kDefaultParent =
    "#include <cstdint>\n"
    "extern \"C\" void axpy(const float* x, float* y, std::int64_t n) {\n"
    "  for (std::int64_t i = 0; i < n; ++i) y[i] += 2.0f * x[i];\n"
    "}\n";

void require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t split = input.find('\0');
  const std::string parent = split == std::string::npos ? kDefaultParent : input.substr(0, split);
  const std::string reply = split == std::string::npos ? input : input.substr(split + 1);
  try {
    const std::string child = kevo::operators::llm::kernel_from_reply(reply, parent);
    require(!child.empty());
    require(child != parent);
  } catch (const kevo::operators::llm::ReplyError& error) {
    require(std::string(error.what()).size() > 0);
  }
  return 0;
}
