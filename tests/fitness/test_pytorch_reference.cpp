// KernelBench-format tasks: the PyTorch problem is the reference, run by
// fitness/pytorch/torch_reference.py. Without PyTorch (CI), such a task is
// reported unavailable in one line naming it and the Python; with PyTorch and
// a GPU ([gpu]), each kernelbench-style seed passes against the model, a
// wrong kernel fails, and PyTorch eager and torch.compile are timed.
#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include "catch_compat.hpp"
#include "cuda_test_support.hpp"
#include "fitness/gpu/gpu_evaluator.hpp"
#include "fitness/worker/device_lock.hpp"
#include "fitness/worker/subprocess.hpp"

namespace {

const std::filesystem::path kProblems = std::filesystem::path(KEVO_SOURCE_DIR) / "configs/tasks/kernelbench-style";

bool torch_importable(const std::string& python) {
  const auto child = kevo::fitness::worker::run_process({python, "-c", "import torch"}, 120);
  return child.exited_ok();
}

}  // namespace

TEST_CASE("pytorch reference: the task format reads .py references and model parameters", "[pytorch]") {
  const auto task = kevo::fitness::load_task(kProblems / "linear_relu");
  CHECK(task.reference_kind == kevo::fitness::ReferenceKind::pytorch);
  CHECK(task.find_tensor("weight")->parameter == "linear.weight");
  CHECK(task.find_tensor("x")->parameter.empty());
  CHECK(kevo::fitness::load_task(std::filesystem::path(KEVO_SOURCE_DIR) / "configs/tasks/matmul").reference_kind ==
        kevo::fitness::ReferenceKind::cpp);
}

TEST_CASE("pytorch reference: without PyTorch the task is unavailable, said in one line", "[pytorch]") {
  kevo::test::TempDir dir;
  auto context = kevo::test::test_context(dir);
  context.python = "/usr/bin/python3";  // Debian's: no PyTorch
  KEVO_SKIP_UNLESS(!torch_importable(context.python), "PyTorch is installed for /usr/bin/python3 here");
  const auto task = kevo::fitness::load_task(kProblems / "relu");
  CHECK_THROWS_WITH(kevo::fitness::make_cpu_evaluator(context, task, kevo::test::quick_protocol()),
                    KEVO_CONTAINS("task 'relu' is unavailable here") && KEVO_CONTAINS("PyTorch is not installed"));
}

TEST_CASE("pytorch reference: kernelbench-style seeds pass against the model, a wrong one fails", "[gpu]") {
  kevo::test::TempDir dir;
  auto context = kevo::test::test_context(dir);
  if (const char* python = std::getenv("KEVO_PYTHON")) context.python = python;
  KEVO_SKIP_UNLESS(torch_importable(context.python), "no PyTorch for " + context.python);
  for (const std::string name : {"relu", "row_sum", "linear_relu", "softmax_rows"}) {
    INFO(name);
    const auto task = kevo::fitness::load_task(kProblems / name);
    std::string why_not;
    const auto evaluator = kevo::test::try_cuda_evaluator(context, task, kevo::test::quick_protocol(), why_not);
    KEVO_SKIP_UNLESS(evaluator != nullptr, why_not);
    auto seed = task.seed_variant(task.seeds.front());
    auto wrong = seed;
    const auto store = wrong.source.rfind("] = ");
    REQUIRE(store != std::string::npos);
    wrong.source.insert(store + 4, "1.0f + ");  // every output off by one
    const auto evaluations = evaluator->evaluate({seed, wrong});
    INFO(kevo::population::to_string(evaluations[0].status) << ": " << evaluations[0].error);
    CHECK(evaluations[0].ok());
    CHECK(evaluations[1].status == kevo::population::EvalStatus::wrong_result);
    const auto baseline = evaluator->torch_baseline();
    REQUIRE(baseline);
    CHECK(baseline->eager_seconds > 0);
    CHECK(baseline->device == "cuda:0");  // the evaluator's GPU, not whichever PyTorch picks
    INFO("torch.compile: " << baseline->compile_error);
    CHECK((baseline->compile_seconds.has_value() || !baseline->compile_error.empty()));
  }
}

TEST_CASE("pytorch reference: the model waits for its GPU's kevo device lock", "[gpu]") {
  kevo::test::TempDir dir;
  auto context = kevo::test::test_context(dir);
  if (const char* python = std::getenv("KEVO_PYTHON")) context.python = python;
  KEVO_SKIP_UNLESS(torch_importable(context.python), "no PyTorch for " + context.python);
  const auto task = kevo::fitness::load_task(kProblems / "relu");
  std::string why_not;
  const auto evaluator = kevo::test::try_cuda_evaluator(context, task, kevo::test::quick_protocol(), why_not);
  KEVO_SKIP_UNLESS(evaluator != nullptr, why_not);
  using Clock = std::chrono::steady_clock;
  REQUIRE(evaluator->torch_baseline());  // warm: the model built, torch.compile's cache filled
  const auto start = Clock::now();
  REQUIRE(evaluator->torch_baseline()->device == "cuda:0");
  const auto unlocked = Clock::now() - start;

  // Another kevo process timing on this GPU, as far as the lock tells: the
  // baseline must not run until it lets go.
  const auto& platform = dynamic_cast<kevo::fitness::gpu::GpuEvaluator&>(*evaluator).platform();
  kevo::fitness::worker::DeviceLock other(kevo::fitness::worker::kDeviceLockDirectory, platform.lock_key());
  std::atomic<bool> done{false};
  std::optional<kevo::fitness::pytorch::TorchBaseline> baseline;
  std::thread timing;
  {
    const auto hold = other.hold();
    timing = std::thread([&] {
      baseline = evaluator->torch_baseline();
      done = true;
    });
    std::this_thread::sleep_for(std::max<Clock::duration>(std::chrono::seconds(2), 3 * unlocked));
    CHECK_FALSE(done.load());
  }
  timing.join();
  REQUIRE(baseline);
  CHECK(baseline->eager_seconds > 0);
}
