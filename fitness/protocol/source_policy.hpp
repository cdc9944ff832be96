#pragma once
// The source policy: candidates are kernels, not programs. Before a candidate
// is compiled its source is scanned for host-side tools that could fool the
// protocol (clocks, threads that outlive the timed region, process control,
// signal games, inline assembly, loading or remapping code). A hit makes the
// variant `rejected` with the token and its line.
//
// The scan works on tokens, not text: comments and string literals are
// skipped, line splices are joined first, digraphs are understood, and token
// pasting (##) is itself forbidden because it could assemble a forbidden name
// the scan cannot see. The worker's runtime checks (threads left running,
// inputs written) back this up.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kevo::fitness::protocol {

enum class PolicyRuleKind {
  header,         // #include <token> exactly
  header_prefix,  // #include <token...>
  identifier,     // the identifier, however qualified
  std_member,     // std::token (the bare name is too common to forbid)
  punctuator,     // the punctuator itself
};

struct PolicyRule {
  PolicyRuleKind kind;
  std::string_view token;
  std::string_view why;
};

// The forbidden list, in one documented table (source_policy.cpp).
std::span<const PolicyRule> forbidden_rules();
// The CUDA list: device-side launches and allocation (see source_policy.cpp).
std::span<const PolicyRule> forbidden_cuda_rules();

struct PolicyViolation {
  std::string token;  // as written, e.g. "#include <thread>", "std::thread", "fork"
  int line = 0;       // 1-based
  std::string why;
  // "line 3: forbidden std::thread (host threads outlive the timed region)"
  std::string describe() const;
};

// The first violation in `source`, or nullopt when the source is acceptable.
std::optional<PolicyViolation> check_source_policy(std::string_view source);
// The same scan with the CUDA list.
std::optional<PolicyViolation> check_cuda_source_policy(std::string_view source);

}  // namespace kevo::fitness::protocol
