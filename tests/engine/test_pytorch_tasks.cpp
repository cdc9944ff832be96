// KernelBench-format tasks in the engine: the report's "Against PyTorch"
// table (speedups over eager and torch.compile, fast_1), the summary that
// carries PyTorch's times through the archive, and `kevo import kernelbench`
// where PyTorch is missing (CI): one line per problem saying so.
#include <string>

#include "catch_compat.hpp"
#include "engine/campaign/report.hpp"
#include "engine/campaign/task_summary.hpp"
#include "fitness/worker/subprocess.hpp"

namespace {

kevo::engine::TaskSummary summary(const std::string& task, double seed, double best) {
  kevo::engine::TaskSummary s;
  s.task = task;
  s.done = true;
  s.seed_seconds = seed;
  s.best_seconds = best;
  s.speedup = seed / best;
  return s;
}

}  // namespace

TEST_CASE("pytorch tasks: the report sets seed and best against PyTorch eager and torch.compile", "[pytorch]") {
  auto faster = summary("relu", 0.4e-3, 0.15e-3);
  faster.torch_eager_seconds = 0.2e-3;
  faster.torch_compile_seconds = 0.18e-3;
  faster.torch_note = "PyTorch 2.11.0 on cuda";
  auto slower = summary("softmax_rows", 2e-3, 1e-3);
  slower.torch_eager_seconds = 0.25e-3;
  slower.torch_note = "PyTorch 2.11.0 on cuda; torch.compile: no compiler";
  auto missing = summary("row_sum", 1e-3, 1e-3);
  missing.torch_note = "no PyTorch baseline: PyTorch is not installed";
  const auto plain = summary("matmul", 1e-3, 1e-4);

  const std::string table = kevo::engine::render_torch_table({faster, slower, missing, plain});
  INFO(table);
  CHECK_THAT(table, KEVO_CONTAINS("| relu | 0.200 | 0.180 | 0.400 | 0.150 | 0.50x | 1.33x | 1.20x | yes |"));
  CHECK_THAT(table, KEVO_CONTAINS("| softmax_rows | 0.250 | n/a | 2.000 | 1.000 | 0.12x | 0.25x | n/a | no |"));
  CHECK_THAT(table, KEVO_CONTAINS("- row_sum: no PyTorch baseline: PyTorch is not installed"));
  CHECK(table.find("matmul") == std::string::npos);
  CHECK(kevo::engine::render_torch_table({plain}).empty());

  const auto back = kevo::engine::task_summary_from_json(kevo::engine::to_json(faster));
  REQUIRE(back.torch_eager_seconds);
  CHECK(*back.torch_eager_seconds == Approx(0.2e-3));
  CHECK(*back.torch_compile_seconds == Approx(0.18e-3));
  CHECK(back.torch_note == faster.torch_note);
  CHECK_FALSE(kevo::engine::task_summary_from_json(kevo::engine::to_json(plain)).torch_eager_seconds);
}

TEST_CASE("pytorch tasks: kevo import kernelbench without PyTorch says so per problem", "[pytorch]") {
  const auto has_torch = kevo::fitness::worker::run_process({"/usr/bin/python3", "-c", "import torch"}, 120);
  KEVO_SKIP_UNLESS(!has_torch.exited_ok(), "PyTorch is installed for /usr/bin/python3 here");
  const std::string problems = std::string(KEVO_SOURCE_DIR) + "/configs/tasks/kernelbench-style/";
  const auto run = kevo::fitness::worker::run_process(
      {KEVO_BINARY_PATH, "import", "kernelbench", problems + "relu/problem.py", problems + "row_sum/problem.py",
       "--task-dir", "/tmp/kevo-import-test-unused"},
      120, {"KEVO_PYTHON=/usr/bin/python3"});
  INFO(run.output);
  CHECK(kevo::fitness::worker::describe_wait_status(run.wait_status) == "exited with code 1");
  CHECK_THAT(run.output, KEVO_CONTAINS("relu/problem.py: not imported: PyTorch is not installed"));
  CHECK_THAT(run.output, KEVO_CONTAINS("row_sum/problem.py: not imported: PyTorch is not installed"));
}
