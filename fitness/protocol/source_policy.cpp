#include "fitness/protocol/source_policy.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace kevo::fitness::protocol {

namespace {

using enum PolicyRuleKind;

constexpr std::string_view kClock = "reads a host clock; only the evaluator times kernels";
constexpr std::string_view kThreads = "host threads outlive the timed region";
constexpr std::string_view kProcess = "controls the host process";
constexpr std::string_view kSignals = "plays with signals or non-local jumps";
constexpr std::string_view kCodeLoading = "loads or remaps code at run time";
constexpr std::string_view kAsm = "inline assembly escapes every other check";
constexpr std::string_view kLoadTime = "runs host code when the kernel is loaded";

// The forbidden list. Keep it sorted by theme; each entry says why.
constexpr PolicyRule kRules[] = {
    // Clocks: a kernel that can read time can tell a timed call from a checked one.
    {header, "chrono", kClock},
    {header, "ctime", kClock},
    {header, "time.h", kClock},
    {identifier, "clock_gettime", kClock},
    {identifier, "gettimeofday", kClock},
    {identifier, "timespec_get", kClock},
    {identifier, "rdtsc", kClock},
    {identifier, "__rdtsc", kClock},
    {identifier, "__rdtscp", kClock},
    {identifier, "_rdtsc", kClock},
    {identifier, "__builtin_ia32_rdtsc", kClock},
    {identifier, "__builtin_ia32_rdtscp", kClock},
    {identifier, "__builtin_readcyclecounter", kClock},
    {identifier, "nanosleep", kClock},
    {identifier, "usleep", kClock},
    {identifier, "sleep_for", kClock},
    {identifier, "sleep_until", kClock},
    // Threads: work done after the kernel returns is work the timer never sees.
    {header, "thread", kThreads},
    {header, "pthread.h", kThreads},
    {header, "future", kThreads},
    {header, "execution", kThreads},
    {header, "stop_token", kThreads},
    {identifier, "pthread_create", kThreads},
    {identifier, "jthread", kThreads},
    {std_member, "thread", kThreads},
    {std_member, "async", kThreads},
    // Process control and the operating system.
    {header_prefix, "sys/", kProcess},
    {header, "unistd.h", kProcess},
    {header, "spawn.h", kProcess},
    {header, "fcntl.h", kProcess},
    {identifier, "system", kProcess},
    {identifier, "popen", kProcess},
    {identifier, "fork", kProcess},
    {identifier, "vfork", kProcess},
    {identifier, "clone", kProcess},
    {identifier, "execl", kProcess},
    {identifier, "execle", kProcess},
    {identifier, "execlp", kProcess},
    {identifier, "execv", kProcess},
    {identifier, "execve", kProcess},
    {identifier, "execvp", kProcess},
    {identifier, "execvpe", kProcess},
    {identifier, "fexecve", kProcess},
    {identifier, "posix_spawn", kProcess},
    {identifier, "posix_spawnp", kProcess},
    {identifier, "syscall", kProcess},
    {identifier, "exit", kProcess},
    {identifier, "_exit", kProcess},
    {identifier, "_Exit", kProcess},
    {identifier, "quick_exit", kProcess},
    {identifier, "abort", kProcess},
    {identifier, "atexit", kProcess},
    {identifier, "at_quick_exit", kProcess},
    {identifier, "kill", kProcess},
    // Signals and non-local jumps (a kernel could swallow its own segfault).
    {header, "csignal", kSignals},
    {header, "signal.h", kSignals},
    {header, "csetjmp", kSignals},
    {header, "setjmp.h", kSignals},
    {identifier, "signal", kSignals},
    {identifier, "sigaction", kSignals},
    {identifier, "raise", kSignals},
    {identifier, "setjmp", kSignals},
    {identifier, "_setjmp", kSignals},
    {identifier, "sigsetjmp", kSignals},
    {identifier, "longjmp", kSignals},
    {identifier, "_longjmp", kSignals},
    {identifier, "siglongjmp", kSignals},
    // Loading or remapping code and memory.
    {header, "dlfcn.h", kCodeLoading},
    {identifier, "dlopen", kCodeLoading},
    {identifier, "dlsym", kCodeLoading},
    {identifier, "dlclose", kCodeLoading},
    {identifier, "mmap", kCodeLoading},
    {identifier, "munmap", kCodeLoading},
    {identifier, "mremap", kCodeLoading},
    {identifier, "mprotect", kCodeLoading},
    // Assembly.
    {identifier, "asm", kAsm},
    {identifier, "__asm", kAsm},
    {identifier, "__asm__", kAsm},
    // Code that runs at dlopen time, outside any check.
    {identifier, "constructor", kLoadTime},
    {identifier, "destructor", kLoadTime},
    {identifier, "__constructor__", kLoadTime},
    {identifier, "__destructor__", kLoadTime},
    // A weak reference names any library function in a string, past every identifier above.
    {identifier, "weakref", "binds a library function under another name"},
    {identifier, "__weakref__", "binds a library function under another name"},
    // Token pasting could build any name above out of harmless pieces.
    {punctuator, "##", "token pasting could assemble a forbidden name"},
};

// CUDA kernels run on the device: host clocks, threads and processes are out
// of reach (NVRTC has no such headers), and inline PTX is how fast kernels
// are written (cp.async, ldmatrix, mma). What a device kernel could still
// abuse is the driver's device-side API: launching work on other streams or
// graphs that outlives the timed region, or allocating memory.
constexpr std::string_view kDeviceLaunch =
    "device-side launches run outside the timed, checked launch plan";
constexpr std::string_view kDeviceAlloc = "device-side allocation outlives the trial";
constexpr PolicyRule kCudaRules[] = {
    {identifier, "cudaStreamCreate", kDeviceLaunch},
    {identifier, "cudaStreamCreateWithFlags", kDeviceLaunch},
    {identifier, "cudaStreamFireAndForget", kDeviceLaunch},
    {identifier, "cudaStreamTailLaunch", kDeviceLaunch},
    {identifier, "cudaLaunchDevice", kDeviceLaunch},
    {identifier, "cudaLaunchKernel", kDeviceLaunch},
    {identifier, "cudaGetParameterBuffer", kDeviceLaunch},
    {identifier, "cudaGraphLaunch", kDeviceLaunch},
    {identifier, "cudaDeviceSynchronize", kDeviceLaunch},
    {identifier, "cudaMalloc", kDeviceAlloc},
    {identifier, "cudaFree", kDeviceAlloc},
    {identifier, "malloc", kDeviceAlloc},
    {punctuator, "##", "token pasting could assemble a forbidden name"},
};

const PolicyRule* find_rule(std::span<const PolicyRule> rules, PolicyRuleKind kind,
                            std::string_view token) {
  for (const PolicyRule& rule : rules) {
    if (rule.kind == kind && rule.token == token) return &rule;
  }
  return nullptr;
}

const PolicyRule* find_header_rule(std::span<const PolicyRule> rules, std::string_view header_name) {
  if (const PolicyRule* rule = find_rule(rules, header, header_name)) return rule;
  for (const PolicyRule& rule : rules) {
    if (rule.kind == header_prefix && header_name.starts_with(rule.token)) return &rule;
  }
  return nullptr;
}

bool is_identifier_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool is_identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Translation phase 2: joins backslash-newline splices (a cheat could split
// `fo\<newline>rk`), remembering each character's original line.
struct SplicedSource {
  std::string text;
  std::vector<int> line_of;
};

SplicedSource splice_lines(std::string_view source) {
  SplicedSource out;
  int line = 1;
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (source[i] == '\\') {
      std::size_t next = i + 1;
      if (next < source.size() && source[next] == '\r') ++next;
      if (next < source.size() && source[next] == '\n') {
        ++line;
        i = next;
        continue;
      }
    }
    out.text.push_back(source[i]);
    out.line_of.push_back(line);
    if (source[i] == '\n') ++line;
  }
  return out;
}

// A tokenizer just good enough to see identifiers, directives and `##`
// outside comments and literals.
class PolicyScanner {
 public:
  PolicyScanner(std::string_view source, std::span<const PolicyRule> rules)
      : src_(splice_lines(source)), rules_(rules) {}

  std::optional<PolicyViolation> scan() {
    while (!found_ && pos_ < text().size()) step();
    return found_;
  }

 private:
  const std::string& text() const { return src_.text; }
  char at(std::size_t i) const { return i < text().size() ? text()[i] : '\0'; }
  int line(std::size_t i) const {
    return src_.line_of.empty() ? 1 : src_.line_of[std::min(i, src_.line_of.size() - 1)];
  }

  void report(const PolicyRule& rule, std::string token, std::size_t where) {
    found_ = PolicyViolation{std::move(token), line(where), std::string(rule.why)};
  }

  void step() {
    const char c = at(pos_);
    if (c == '\n') {
      line_start_ = true;
      ++pos_;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      ++pos_;
    } else if (c == '/' && at(pos_ + 1) == '/') {
      skip_until("\n", false);
    } else if (c == '/' && at(pos_ + 1) == '*') {
      pos_ += 2;
      skip_until("*/", true);
    } else {
      step_token();
    }
  }

  void step_token() {
    const char c = at(pos_);
    const bool was_line_start = line_start_;
    line_start_ = false;
    if (starts_paste()) return report(*find_rule(rules_, punctuator, "##"), "##", pos_);
    if (was_line_start && starts_hash()) return scan_directive();
    if (c == '"') return skip_quoted('"');
    if (c == '\'') return skip_quoted('\'');
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && std::isdigit(static_cast<unsigned char>(at(pos_ + 1))))) {
      return skip_number();
    }
    if (is_identifier_start(c)) return scan_identifier();
    if (c == ':' && at(pos_ + 1) == ':') {
      scope_after_ = previous_identifier_;
      pos_ += 2;
      return;
    }
    previous_identifier_.clear();
    scope_after_.clear();
    ++pos_;
  }

  bool starts_paste() const {
    return (at(pos_) == '#' && at(pos_ + 1) == '#') ||
           text().compare(pos_, 4, "%:%:") == 0;
  }
  bool starts_hash() const { return at(pos_) == '#' || text().compare(pos_, 2, "%:") == 0; }

  void skip_until(std::string_view end, bool consume_end) {
    const std::size_t hit = text().find(end, pos_);
    if (hit == std::string::npos) {
      pos_ = text().size();
      return;
    }
    pos_ = consume_end ? hit + end.size() : hit;
  }

  void skip_quoted(char quote) {
    ++pos_;
    while (pos_ < text().size() && at(pos_) != quote && at(pos_) != '\n') {
      pos_ += at(pos_) == '\\' ? 2 : 1;
    }
    ++pos_;
    previous_identifier_.clear();
  }

  // R"delim( ... )delim"
  void skip_raw_string() {
    const std::size_t open = text().find('(', pos_);
    if (open == std::string::npos) {
      pos_ = text().size();
      return;
    }
    const std::string closing = ")" + text().substr(pos_ + 1, open - pos_ - 1) + "\"";
    pos_ = open + 1;
    skip_until(closing, true);
  }

  // pp-number: digits, letters, '.', digit separators and exponent signs.
  void skip_number() {
    while (pos_ < text().size()) {
      const char c = at(pos_);
      if ((c == '+' || c == '-') && is_exponent_mark(at(pos_ - 1))) {
        ++pos_;
      } else if (is_identifier_char(c) || c == '.' || c == '\'') {
        ++pos_;
      } else {
        break;
      }
    }
    previous_identifier_.clear();
  }

  void scan_identifier() {
    const std::size_t start = pos_;
    while (is_identifier_char(at(pos_))) ++pos_;
    const std::string name = text().substr(start, pos_ - start);
    if (at(pos_) == '"' && is_raw_prefix(name)) return skip_raw_string();
    if (const PolicyRule* rule = find_rule(rules_, identifier, name)) return report(*rule, name, start);
    if (scope_after_ == "std") {
      if (const PolicyRule* rule = find_rule(rules_, std_member, name)) {
        return report(*rule, "std::" + name, start);
      }
    }
    scope_after_.clear();
    previous_identifier_ = name;
  }

  static bool is_exponent_mark(char c) { return c == 'e' || c == 'E' || c == 'p' || c == 'P'; }

  static bool is_raw_prefix(std::string_view name) {
    return name == "R" || name == "LR" || name == "uR" || name == "UR" || name == "u8R";
  }

  void scan_directive() {
    pos_ += at(pos_) == '#' ? 1 : 2;
    while (at(pos_) == ' ' || at(pos_) == '\t') ++pos_;
    const std::size_t start = pos_;
    while (is_identifier_char(at(pos_))) ++pos_;
    const std::string name = text().substr(start, pos_ - start);
    if (name == "include" || name == "include_next" || name == "import") include_header(start);
  }

  void include_header(std::size_t directive_pos) {
    while (at(pos_) == ' ' || at(pos_) == '\t') ++pos_;
    const char open = at(pos_);
    if (open != '<' && open != '"') return;
    const char close = open == '<' ? '>' : '"';
    const std::size_t end = text().find(close, pos_ + 1);
    if (end == std::string::npos) return;
    const std::string header_name = text().substr(pos_ + 1, end - pos_ - 1);
    pos_ = end + 1;
    if (const PolicyRule* rule = find_header_rule(rules_, header_name)) {
      report(*rule, std::string("#include ") + open + header_name + close, directive_pos);
    }
  }

  SplicedSource src_;
  std::span<const PolicyRule> rules_;
  std::size_t pos_ = 0;
  bool line_start_ = true;
  std::string previous_identifier_;
  std::string scope_after_;  // the identifier before the last `::`
  std::optional<PolicyViolation> found_;
};

}  // namespace

std::span<const PolicyRule> forbidden_rules() { return kRules; }
std::span<const PolicyRule> forbidden_cuda_rules() { return kCudaRules; }

std::string PolicyViolation::describe() const {
  return "line " + std::to_string(line) + ": forbidden " + token + " (" + why + ")";
}

std::optional<PolicyViolation> check_source_policy(std::string_view source) {
  return PolicyScanner(source, kRules).scan();
}

std::optional<PolicyViolation> check_cuda_source_policy(std::string_view source) {
  return PolicyScanner(source, kCudaRules).scan();
}

}  // namespace kevo::fitness::protocol
