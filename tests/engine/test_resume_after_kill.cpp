// kill -9 in the middle of a run, then `kevo resume`: nothing committed is
// lost and the run finishes with exactly its budget. SIGTERM: the generation
// in flight is committed and kevo exits 0.
#include <chrono>
#include <csignal>
#include <fstream>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include "catch_compat.hpp"
#include "engine/budget_state.hpp"
#include "engine/campaign/task_summary.hpp"
#include "engine/run_store.hpp"
#include "engine_fixture.hpp"

extern char** environ;

using namespace kevo;

namespace {

pid_t spawn_kevo(const std::vector<std::string>& args, const std::filesystem::path& log) {
  std::vector<std::string> argv_text{KEVO_BINARY_PATH};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_text) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(rc == 0);
  return pid;
}

int wait_exit_code(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Waits until island 0 of the task has committed `generation`, or the child ended.
bool wait_for_generation(const std::filesystem::path& archive, pid_t pid, int generation) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(3);
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid, nullptr, WNOHANG) == pid) return false;
    if (std::filesystem::exists(archive)) {
      try {
        population::Archive reader(archive);
        if (auto state = reader.get_state("island/engine_axpy/0"))
          if (nlohmann::json::parse(*state).at("generation").get<int>() >= generation) return true;
      } catch (const population::ArchiveError&) {
        // the writer holds a lock for a moment; look again
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

std::filesystem::path write_campaign(const std::filesystem::path& root, const std::string& name, int budget) {
  auto config = test::small_campaign(root, name);
  config.budget.evaluations = budget;
  const auto file = root / (name + ".yaml");
  std::ofstream(file) << engine::to_yaml(config);
  return file;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("kevo resume after kill -9 loses nothing committed and finishes the budget", "[campaign][slow]") {
  test::TempFolder root;
  const auto file = write_campaign(root.path(), "killed", 30);
  const auto run_dir = root.path() / "killed";
  const auto archive = run_dir / "archive.sqlite";

  const pid_t pid = spawn_kevo({"run", file.string()}, root.path() / "run.log");
  const bool reached = wait_for_generation(archive, pid, 2);
  kill(pid, SIGKILL);
  wait_exit_code(pid);
  INFO(read_file(root.path() / "run.log"));
  REQUIRE(reached);

  std::vector<population::Variant> committed;
  std::size_t evaluations_before = 0;
  {
    population::Archive before(archive);
    committed = before.all_variants("engine_axpy");
    evaluations_before = before.evaluation_count();
    REQUIRE(evaluations_before > 0);
    REQUIRE(evaluations_before < 30);
  }

  const pid_t resumed = spawn_kevo({"resume", run_dir.string()}, root.path() / "resume.log");
  const int code = wait_exit_code(resumed);
  INFO(read_file(root.path() / "resume.log"));
  REQUIRE(code == 0);

  population::Archive after(archive);
  CHECK(after.evaluation_count() >= evaluations_before);
  for (const auto& variant : committed) CHECK(after.find_variant(variant.content_hash()).has_value());
  const auto budget = nlohmann::json::parse(*after.get_state(engine::budget_state_key("engine_axpy")));
  // Evaluations in flight at the kill were never committed, so they are run again: the
  // budget counts what was committed, and the finished run has spent exactly 30.
  CHECK(engine::budget_counters_from_json(budget).evaluations == 30);
  const auto summary = engine::task_summary_from_json(nlohmann::json::parse(*after.get_state(engine::task_summary_key("engine_axpy"))));
  CHECK(summary.done);
  CHECK(summary.speedup > 0);
  CHECK(std::filesystem::exists(run_dir / "best/engine_axpy.cpp"));
}

TEST_CASE("SIGTERM commits the generation in flight and exits 0 with a resume hint", "[campaign][slow]") {
  test::TempFolder root;
  const auto file = write_campaign(root.path(), "terminated", 200);
  const auto run_dir = root.path() / "terminated";
  const pid_t pid = spawn_kevo({"run", file.string()}, root.path() / "run.log");
  REQUIRE(wait_for_generation(run_dir / "archive.sqlite", pid, 1));
  kill(pid, SIGTERM);
  const int code = wait_exit_code(pid);
  const auto log = read_file(root.path() / "run.log");
  INFO(log);
  CHECK(code == 0);
  CHECK(log.find("kevo resume") != std::string::npos);
  population::Archive archive(run_dir / "archive.sqlite");
  const auto summary = engine::task_summary_from_json(nlohmann::json::parse(*archive.get_state(engine::task_summary_key("engine_axpy"))));
  CHECK_FALSE(summary.done);
}
