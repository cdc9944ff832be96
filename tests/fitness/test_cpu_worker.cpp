// WorkerClient and kevo-worker: runs, crashes, hangs, stray threads, restarts.
#include <signal.h>
#include <sys/wait.h>

#include <cstring>

#include "catch_compat.hpp"
#include "cpu_test_support.hpp"
#include "fitness/cpu/cpu_compiler.hpp"
#include "fitness/trial/bench_session.hpp"
#include "fitness/trial/size_workspace.hpp"
#include "fitness/cpu/trampoline.hpp"
#include "fitness/worker/worker_client.hpp"
#include "fitness/protocol/launch_plan_binding.hpp"

using namespace kevo;
using namespace kevo::fitness::cpu;
using namespace kevo::fitness::worker;
using namespace kevo::fitness::trial;

namespace {

// Compiles `source` for the vadd plan directly, bypassing the source policy
// (these tests exercise the worker's own defences).
std::string compile(const test::TempDir& dir, const fitness::Task& task, const std::string& source) {
  const auto plan = fitness::protocol::resolve_plan(task, task.seeds.front().launch);
  const CpuCompiler compiler(test::test_context(dir), 60);
  const auto result = compiler.compile({"test", generate_translation_unit(source, "kernel.cpp", plan), {{"UNROLL", 1}}});
  INFO(result.compiler_output);
  REQUIRE(result.ok);
  return result.shared_object.string();
}

struct Bench {
  fitness::Task task = test::vadd_task();
  fitness::SizePoint size{{{"N", 64}}};
  fitness::protocol::InputGenerator inputs{1};
  SizeWorkspace workspace{task,
                          fitness::protocol::bind_launch(
                              task, fitness::protocol::resolve_plan(task, task.seeds.front().launch),
                              size, {{"UNROLL", 1}}),
                          "/dev/shm"};
  Bench() {
    workspace.write_inputs(inputs, 99);
    workspace.reset_outputs();
  }
  RunRequest request(const std::string& so, RunMode mode = RunMode::check) {
    const std::vector<std::string> symbols{entry_symbol(0)};
    return workspace.request({so, symbols}, workspace.launch().steps, mode);
  }
};

const char* kSeed =
    "void vadd(const float* x, const float* y, float* z, int64_t n) {\n"
    "  for (int64_t i = 0; i < n; ++i) z[i] = x[i] + 2.0f * y[i];\n}\n";

}  // namespace

TEST_CASE("cpu worker: runs a kernel on shared buffers, and times it on inputs it draws for every run",
          "[cpu][worker]") {
  test::TempDir dir;
  Bench bench;
  const std::string so = compile(dir, bench.task, kSeed);
  WorkerClient worker(KEVO_WORKER_PATH, {});
  const WorkerOutcome checked = worker.run(bench.request(so), 10);
  INFO(checked.message);
  REQUIRE(checked.ok());
  CHECK(bench.workspace.invalid_output().empty());
  CHECK(bench.workspace.changed_input(bench.inputs).empty());
  CHECK(bench.workspace.guard_damage().empty());

  RunRequest timed = bench.request(so, RunMode::session);
  timed.flush_bytes = 1 << 20;
  timed.session = bench_session_spec(bench.task, test::quick_protocol(), bench.workspace.launch(), 1 << 20, std::nullopt);
  timed.session->warmup = 1;
  timed.session->samples = 5;
  const WorkerOutcome timing = worker.run(timed, 10);
  INFO(timing.message);
  REQUIRE(timing.ok());
  REQUIRE(timing.session);
  CHECK_FALSE(timing.session->failed());
  REQUIRE(timing.session->samples.size() == 5);
  for (double s : timing.session->samples) CHECK((s > 0 && s < 1));
  // The fastest, the median and the last of five (two of them may be one run).
  CHECK(timing.session->verified.size() >= 2);
  CHECK(timing.session->verified.size() <= 3);

  // Every verified run comes back with its own inputs, which no other run had, and the kernel's outputs for them.
  std::vector<float> first_x;
  for (const auto& run : timing.session->verified) {
    RunRequest exported = bench.request(so, RunMode::export_run);
    exported.export_run = run.run;
    REQUIRE(worker.run(exported, 10).ok());
    const auto outputs = bench.workspace.copy_outputs();
    std::vector<float> xs(64), ys(64);
    bench.inputs.fill(bench.task.tensors[0], 0, run.seed, xs.data(), 64);
    bench.inputs.fill(bench.task.tensors[1], 1, run.seed, ys.data(), 64);
    // They are the inputs of the run's seed, as the engine would draw them.
    CHECK(std::memcmp(bench.workspace.data(0), xs.data(), 64 * sizeof(float)) == 0);
    CHECK(std::memcmp(bench.workspace.data(1), ys.data(), 64 * sizeof(float)) == 0);
    const auto* z = reinterpret_cast<const float*>(outputs.at(0).data());
    for (int i = 0; i < 64; ++i) CHECK(z[i] == xs[i] + 2.0f * ys[i]);
    if (first_x.empty()) first_x = xs;
    else CHECK(first_x != xs);
  }
  CHECK(worker.restarts() == 0);
}

TEST_CASE("cpu worker: a segfault is a crash with the signal, and the worker itself lives on",
          "[cpu][worker]") {
  test::TempDir dir;
  Bench bench;
  const std::string good = compile(dir, bench.task, kSeed);
  const std::string bad = compile(dir, bench.task, test::adversarial_kernel("segfaults"));
  WorkerClient worker(KEVO_WORKER_PATH, {});
  REQUIRE(worker.run(bench.request(good), 10).ok());
  const pid_t first_pid = worker.pid();

  const WorkerOutcome crashed = worker.run(bench.request(bad), 10);
  CHECK(crashed.kind == WorkerOutcome::Kind::crash);
  CHECK_THAT(crashed.message, KEVO_CONTAINS("kernel killed by signal 11 (Segmentation fault)"));
  CHECK(worker.pid() == first_pid);  // the kernel ran in a process of its own

  bench.workspace.reset_outputs();
  REQUIRE(worker.run(bench.request(good), 10).ok());
  CHECK(worker.restarts() == 0);
  CHECK(bench.workspace.invalid_output().empty());
}

TEST_CASE("cpu worker: a hang is a timeout, the worker is killed and replaced", "[cpu][worker]") {
  test::TempDir dir;
  Bench bench;
  const std::string good = compile(dir, bench.task, kSeed);
  const std::string hang = compile(dir, bench.task, test::adversarial_kernel("infinite_loop"));
  WorkerClient worker(KEVO_WORKER_PATH, {});
  REQUIRE(worker.run(bench.request(good), 10).ok());
  const pid_t hung_pid = worker.pid();
  const WorkerOutcome outcome = worker.run(bench.request(hang), 0.5);
  CHECK(outcome.kind == WorkerOutcome::Kind::timeout);
  CHECK(outcome.message == "no reply within 0.5 s (worker killed)");
  CHECK(::kill(hung_pid, 0) != 0);
  REQUIRE(worker.run(bench.request(good), 10).ok());
}

TEST_CASE("cpu worker: threads and files are refused by the sandbox, exit() is a crash, stdout is harmless",
          "[cpu][worker]") {
  test::TempDir dir;
  Bench bench;
  WorkerClient worker(KEVO_WORKER_PATH, {});
  const std::string threads = compile(dir, bench.task,
      "#include <thread>\n#include <chrono>\n"
      "void vadd(const float*, const float*, float*, int64_t) {\n"
      "  std::thread([] { std::this_thread::sleep_for(std::chrono::seconds(5)); }).detach();\n}\n");
  const WorkerOutcome stray = worker.run(bench.request(threads), 10);
  CHECK(stray.kind == WorkerOutcome::Kind::rejected);
  CHECK_THAT(stray.message, KEVO_CONTAINS("kernel made a forbidden system call"));

  const std::string writes_file = compile(dir, bench.task,
      "#include <cstdio>\n"
      "void vadd(const float*, const float*, float*, int64_t) {\n"
      "  std::FILE* f = std::fopen(\"/tmp/kevo-kernel-cache\", \"w\"); if (f) std::fclose(f);\n}\n");
  const WorkerOutcome file = worker.run(bench.request(writes_file), 10);
  CHECK(file.kind == WorkerOutcome::Kind::rejected);
  CHECK_THAT(file.message, KEVO_CONTAINS("kernel made a forbidden system call: openat"));

  const std::string writes_input = compile(dir, bench.task,
      "void vadd(const float* x, const float*, float*, int64_t) { const_cast<float*>(x)[3] = 42; }\n");
  const WorkerOutcome input = worker.run(bench.request(writes_input), 10);
  CHECK(input.kind == WorkerOutcome::Kind::rejected);
  CHECK_THAT(input.message, KEVO_CONTAINS("kernel wrote its input x (byte 12 of 256; inputs are read-only)"));

  const std::string exits = compile(dir, bench.task,
      "#include <cstdlib>\nvoid vadd(const float*, const float*, float*, int64_t) { std::exit(7); }\n");
  const WorkerOutcome exited = worker.run(bench.request(exits), 10);
  CHECK(exited.kind == WorkerOutcome::Kind::crash);
  CHECK(exited.message == "kernel exited with code 7");

  const std::string prints = compile(dir, bench.task,
      "#include <cstdio>\n"
      "void vadd(const float* x, const float* y, float* z, int64_t n) {\n"
      "  std::printf(\"{\\\"ok\\\":false}\\n\"); std::fflush(stdout);\n"
      "  for (int64_t i = 0; i < n; ++i) z[i] = x[i] + 2.0f * y[i];\n}\n");
  const WorkerOutcome printed = worker.run(bench.request(prints), 10);
  INFO(printed.message);
  CHECK(printed.ok());

  const std::string throws = compile(dir, bench.task,
      "#include <stdexcept>\n"
      "void vadd(const float*, const float*, float*, int64_t) { throw std::runtime_error(\"boom\"); }\n");
  const WorkerOutcome threw = worker.run(bench.request(throws), 10);
  CHECK(threw.kind == WorkerOutcome::Kind::crash);
  CHECK(threw.message == "kernel threw an exception: boom");
  CHECK(worker.restarts() == 0);
}

// Kernels that get past the source policy (here: compiled without it) meet
// the sandbox's narrower rules. Each does vadd's work besides its `extra`.
TEST_CASE("cpu worker: a kernel's own seccomp filter, new executable memory and signals to others are refused",
          "[cpu][worker]") {
  test::TempDir dir;
  Bench bench;
  WorkerClient worker(KEVO_WORKER_PATH, {});
  const auto expect_rejected = [&](const std::string& prelude, const std::string& extra, const std::string& why) {
    const std::string so = compile(dir, bench.task, prelude +
        "void vadd(const float* x, const float* y, float* z, int64_t n) {\n" + extra +
        "  for (int64_t i = 0; i < n; ++i) z[i] = x[i] + 2.0f * y[i];\n}\n");
    const WorkerOutcome outcome = worker.run(bench.request(so), 10);
    CHECK(outcome.kind == WorkerOutcome::Kind::rejected);
    CHECK_THAT(outcome.message, KEVO_CONTAINS(why));
  };
  // Answers the host's second-stage seccomp() with a fake success, to keep the loading stage's openat.
  expect_rejected(
      "#include <linux/filter.h>\n#include <linux/seccomp.h>\n#include <sys/syscall.h>\n#include <unistd.h>\n"
      "#include <cstddef>\n"
      "static bool install() {\n"
      "  sock_filter code[] = {BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),\n"
      "                        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_seccomp, 0, 1),\n"
      "                        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 0),\n"
      "                        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)};\n"
      "  sock_fprog program{4, code};\n"
      "  return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &program) == 0;\n}\n"
      "static const bool installed = install();\n",
      "", "installed system-call filters of its own while it was loaded");
  expect_rejected("#include <sys/mman.h>\n",
                  "  void* code = mmap(nullptr, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);\n"
                  "  if (code != MAP_FAILED) munmap(code, 4096);\n",
                  "kernel made a forbidden system call: mmap");
  expect_rejected("#include <sys/syscall.h>\n#include <unistd.h>\n", "  syscall(SYS_tgkill, 1, 1, 0);\n",
                  "kernel made a forbidden system call: tgkill");
  CHECK(worker.restarts() == 0);
}

// The kernel runs in its host's process, so it can learn the command's tag
// and write a reply of its own before the host's: the host's real reply is
// then still on its way, and the sync that ends every request finds it.
TEST_CASE("cpu worker: a reply forged with the command's own tag is caught by the sync after it", "[cpu][worker]") {
  test::TempDir dir;
  Bench bench;
  WorkerClient worker(KEVO_WORKER_PATH, {});
  const std::string forger = compile(dir, bench.task,
      "#include <cctype>\n#include <cstring>\n#include <string>\n#include <unistd.h>\n"
      "static bool is_tag(const char* at) {\n"
      "  for (int i = 0; i < 16; ++i) if (!std::isxdigit(static_cast<unsigned char>(at[i]))) return false;\n"
      "  return at[16] == 0 && !std::isxdigit(static_cast<unsigned char>(at[-1]));\n}\n"
      "void vadd(const float* x, const float* y, float* z, int64_t n) {\n"
      "  for (int64_t i = 0; i < n; ++i) z[i] = x[i] + 2.0f * y[i];\n"
      "  char here = 0;\n"
      "  for (const char* at = &here + 1; at < &here + 65536; ++at) {\n"  // the host's frames lie above
      "    if (!is_tag(at)) continue;\n"
      "    const std::string fake = \"ok \" + std::string(at, 16) + \" 1e-09\\n\";\n"
      "    for (int fd = 3; fd < 16; ++fd) write(fd, fake.data(), fake.size());\n"
      "    return;\n  }\n}\n");
  const WorkerOutcome forged = worker.run(bench.request(forger), 10);
  CHECK(forged.kind == WorkerOutcome::Kind::rejected);
  CHECK_THAT(forged.message, KEVO_CONTAINS("replies are out of order"));
  CHECK_THAT(forged.message, KEVO_CONTAINS("where \"synced "));
}

TEST_CASE("cpu worker: the destructor leaves no process behind", "[cpu][worker]") {
  test::TempDir dir;
  Bench bench;
  const std::string good = compile(dir, bench.task, kSeed);
  pid_t pid = -1;
  {
    WorkerClient worker(KEVO_WORKER_PATH, {});
    REQUIRE(worker.run(bench.request(good), 10).ok());
    pid = worker.pid();
    REQUIRE(::kill(pid, 0) == 0);
  }
  CHECK(::kill(pid, 0) != 0);
  CHECK(::waitpid(pid, nullptr, WNOHANG) == -1);  // already reaped
}

TEST_CASE("cpu worker: a missing executable is a clear error", "[cpu][worker]") {
  test::TempDir dir;
  Bench bench;
  WorkerClient worker(dir.path() / "no-such-worker", {});
  CHECK_THROWS_WITH(worker.run(bench.request("x.so"), 5), KEVO_CONTAINS("cannot start kevo-worker"));
}
