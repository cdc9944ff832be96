// The counter diagnosis on counter sets recorded on an H100 (the GPU
// quickstart with `evaluation.counters: best`, 2026-11-26): the seeds and
// best variants of the eight GPU tasks, whose access patterns are known
// from their sources. Runs in CI: no GPU needed to check what kevo makes of
// real counters.
#include <fstream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "catch_compat.hpp"
#include "fitness/profile/counter_diagnosis.hpp"
#include "population/serialization.hpp"

namespace {

struct Recorded {
  kevo::population::Evaluation evaluation;
  kevo::fitness::Task task;
};

std::map<std::string, Recorded> recordings() {
  const std::filesystem::path source(KEVO_SOURCE_DIR);
  std::ifstream in(source / "tests/fitness/counters/recorded/h100-quickstart-gpu.json");
  const nlohmann::json file = nlohmann::json::parse(in);
  std::map<std::string, Recorded> out;
  for (const auto& [key, entry] : file.at("evaluations").items()) {
    kevo::population::Evaluation evaluation;
    evaluation.status = kevo::population::EvalStatus::ok;
    evaluation.bound = entry.at("bound").get<std::string>();
    evaluation.counters = entry.at("counters").get<kevo::population::CounterProfile>();
    if (!entry.at("resources").is_null()) {
      evaluation.resources = entry.at("resources").get<kevo::population::KernelResources>();
    }
    const std::string task = entry.at("task").get<std::string>();
    out.emplace(key, Recorded{evaluation, kevo::fitness::load_task(source / "configs/tasks/gpu" / task)});
  }
  return out;
}

kevo::fitness::profile::CounterDiagnosis diagnosis_of(const Recorded& recorded) {
  auto diagnosis = kevo::fitness::profile::diagnose(recorded.evaluation, recorded.task);
  REQUIRE(diagnosis);
  return *diagnosis;
}

}  // namespace

TEST_CASE("recorded counters: what limits each GPU task's seeds and best variants on an H100", "[counters]") {
  const auto all = recordings();
  REQUIRE(all.size() == 24);
  const auto at = [&](const std::string& key) {
    INFO(key);
    REQUIRE(all.count(key) == 1);
    return diagnosis_of(all.at(key));
  };
  // triad: streams a, b, c once, coalesced, at the DRAM roof.
  for (const std::string key : {"triad-seed-naive", "triad-seed-vectorized", "triad-best"}) {
    const auto d = at(key);
    CHECK(d.finer_bound() == "memory/dram-bandwidth");
    CHECK(d.traffic_ratio == Approx(1.0).margin(0.05));
  }
  // row_reduce's naive seed gives each thread a row: a warp's loads are a row apart.
  const auto row_naive = at("row_reduce-seed-naive");
  CHECK(row_naive.limiters.front().key == "uncoalesced");
  CHECK(row_naive.counters.load_efficiency() < 0.2);
  CHECK(at("row_reduce-best").finer_bound() == "memory/dram-bandwidth");
  // transpose: the naive seed reads rows and writes columns; the tiled seed
  // (PAD = 0) reads its shared tile down a column, 32-way conflicts.
  const auto transpose_naive = at("transpose-seed-naive");
  CHECK(transpose_naive.limiters.front().key == "uncoalesced");
  CHECK(transpose_naive.counters.load_efficiency() > 0.9);
  CHECK(transpose_naive.counters.store_efficiency() < 0.2);
  const auto transpose_tiled = at("transpose-seed-tiled");
  CHECK(transpose_tiled.limiters.front().key == "bank-conflicts");
  CHECK(transpose_tiled.counters.bank_conflict_share() > 0.8);
  CHECK(at("transpose-best").finer_bound() == "memory/dram-bandwidth");
  // softmax and layernorm's naive seeds: one thread per row, a few warps per SM.
  for (const std::string key : {"softmax-seed-naive", "layernorm-seed-naive"}) {
    const auto d = at(key);
    CHECK(d.finer_bound() == "latency/occupancy");
    CHECK(d.counters.achieved_occupancy < 0.1);
  }
  // The naive sgemm re-reads A and B from memory for every output.
  const auto sgemm_naive = at("sgemm-seed-naive");
  CHECK(sgemm_naive.limiters.front().key == "excess-traffic");
  CHECK(sgemm_naive.traffic_ratio > 10);
  // The best sgemm keeps the FMA pipe busy and no tensor core.
  const auto sgemm_best = at("sgemm-best");
  CHECK(sgemm_best.finer_bound() == "compute/sm-throughput");
  CHECK(sgemm_best.counters.fma_pipe > 0.5);
  CHECK(sgemm_best.counters.tensor_pipe < 0.01);
  CHECK_THAT(sgemm_best.limiters.front().text, KEVO_CONTAINS("tensor cores are the next roof"));
  // bgemm's WMMA kernels use the tensor pipe; the naive one does not.
  CHECK(at("bgemm-best").counters.tensor_pipe > 0.2);
  CHECK(at("bgemm-seed-naive").counters.tensor_pipe < 0.01);
  // conv2d's tiled seed spills 8 bytes per thread: local-memory traffic.
  const auto conv_tiled = at("conv2d-seed-smem_tiled");
  CHECK(conv_tiled.limiters.front().key == "spills");
  CHECK(conv_tiled.counters.local_bytes > 1e8);
}

TEST_CASE("recorded counters: a copy and a strided copy of 64 MiB on an H100", "[counters]") {
  // Recorded by "cuda counters: ..." (test_cuda_counters.cpp) with KEVO_COUNTER_RECORDINGS.
  const std::filesystem::path source(KEVO_SOURCE_DIR);
  const auto task = kevo::fitness::load_task(source / "tests/fitness/counters/copy");
  const auto load = [&](const std::string& name) {
    std::ifstream in(source / "tests/fitness/counters/recorded" / (name + ".json"));
    return nlohmann::json::parse(in).get<kevo::population::Evaluation>();
  };
  const double buffer = 16777216.0 * 4;
  const auto copy = kevo::fitness::profile::diagnose(load("copy"), task);
  REQUIRE(copy);
  CHECK(copy->counters.dram_bytes() == Approx(2 * buffer).epsilon(0.05));
  CHECK(copy->counters.load_efficiency() == Approx(1.0));
  CHECK(copy->counters.store_efficiency() == Approx(1.0));
  CHECK(copy->finer_bound() == "memory/dram-bandwidth");
  const auto strided = kevo::fitness::profile::diagnose(load("strided_copy"), task);
  REQUIRE(strided);
  CHECK(strided->counters.load_efficiency() == Approx(0.125));
  CHECK(strided->traffic_ratio > 4);
  REQUIRE(strided->limiters.size() >= 2);
  CHECK(strided->limiters[0].key == "uncoalesced");
  CHECK(strided->limiters[1].key == "excess-traffic");
}
