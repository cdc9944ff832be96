// Throughput of the CPU evaluation pipeline (compile + check + time) and the
// compile-cache speedup. Not a test: it prints a table for docs/benchmarks.md.
//
//   bench_cpu_pipeline [task=matmul] [variants=16] [task_dir=configs/tasks]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <algorithm>
#include <random>
#include <string>
#include <thread>

#include <unistd.h>

#include "fitness/evaluator.hpp"
#include "fitness/knob_space.hpp"
#include "fitness/task.hpp"

using namespace kevo;

namespace {

struct Pass {
  double wall_seconds = 0;
  double compile_seconds = 0;
  int ok = 0;
  int cache_hits = 0;
};

Pass evaluate_all(const fitness::Context& context, const fitness::Task& task,
                  const std::vector<population::Variant>& variants) {
  fitness::EvaluationProtocol protocol;
  protocol.samples = 10;
  auto evaluator = fitness::make_cpu_evaluator(context, task, protocol);
  Pass pass;
  const auto start = std::chrono::steady_clock::now();
  for (const auto& e : evaluator->evaluate(variants)) {
    pass.compile_seconds += e.compile_seconds;
    pass.ok += e.ok();
    pass.cache_hits += e.compile_cache_hit;
  }
  pass.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return pass;
}

std::vector<population::Variant> sample_variants(const fitness::Task& task, std::size_t count) {
  const auto& seed = task.seeds.front();
  auto points = fitness::enumerate_knob_space(seed);
  std::mt19937_64 rng(7);
  std::shuffle(points.begin(), points.end(), rng);
  points.resize(std::min(count, points.size()));
  std::vector<population::Variant> variants;
  for (auto& knobs : points) {
    auto variant = task.seed_variant(seed);
    variant.knobs = std::move(knobs);
    variants.push_back(std::move(variant));
  }
  return variants;
}

void print_row(const char* label, const Pass& pass, std::size_t n) {
  std::printf("| %-22s | %8zu | %9.2f | %10.3f | %14.3f | %5d | %10d |\n", label, n, pass.wall_seconds,
              static_cast<double>(n) / pass.wall_seconds, pass.compile_seconds / static_cast<double>(n), pass.ok,
              pass.cache_hits);
}

}  // namespace

int main(int argc, char* argv[]) {
  const std::string task_name = argc > 1 ? argv[1] : "matmul";
  const std::size_t count = argc > 2 ? std::stoul(argv[2]) : 16;
  const std::filesystem::path task_dir = argc > 3 ? argv[3] : "configs/tasks";
  try {
    const auto task = fitness::load_task(task_dir / task_name);
    const auto variants = sample_variants(task, count);
    const auto cache = std::filesystem::temp_directory_path() / ("kevo-bench-cache-" + std::to_string(getpid()));
    std::filesystem::remove_all(cache);
    std::filesystem::create_directories(cache);
    fitness::Context context;
    context.cache_dir = cache;
    context.worker_executable = fitness::locate_worker_executable();
    context.compile_jobs = std::max(1u, std::thread::hardware_concurrency());

    const auto cold = evaluate_all(context, task, variants);
    const auto warm = evaluate_all(context, task, variants);
    std::filesystem::remove_all(cache);

    std::printf("task %s, bench size %s, %u compile jobs\n\n", task.name.c_str(), task.bench.label().c_str(),
                context.compile_jobs);
    std::printf("| pass                   | variants | wall s    | evals/s    | compile s/var  | ok    | cache hits |\n");
    std::printf("|---|---|---|---|---|---|---|\n");
    print_row("cold compile cache", cold, variants.size());
    print_row("warm compile cache", warm, variants.size());
    std::printf("\ncompile-cache hit speedup of the whole pipeline: %.2fx (compile time per variant %.3f s -> %.4f s)\n",
                cold.wall_seconds / warm.wall_seconds, cold.compile_seconds / static_cast<double>(variants.size()),
                warm.compile_seconds / static_cast<double>(variants.size()));
  } catch (const std::exception& error) {
    std::cerr << "bench_cpu_pipeline: " << error.what() << "\n";
    return 1;
  }
}
