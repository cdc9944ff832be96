// What kevo makes of hardware counters, on counter sets with known answers
// (no GPU needed): sums and duration-weighted rates over a plan's kernels,
// the ranked limiters and finer bound, the roofline read at measured bytes,
// the worker protocol that carries them, and CUPTI's host side, which knows
// every counter kevo asks for on each GPU generation without a GPU.
#include <cmath>
#include <limits>
#include <string>

#include "catch_compat.hpp"
#include "cpu_test_support.hpp"
#include "fitness/cuda/cupti_api.hpp"
#include "fitness/hardware/evaluation_roofline.hpp"
#include "fitness/profile/counter_diagnosis.hpp"
#include "fitness/worker/worker_client.hpp"
#include "fitness/worker/worker_messages.hpp"

using kevo::fitness::profile::counter_metrics;
using kevo::fitness::profile::diagnose;
using kevo::fitness::profile::measure;
using kevo::population::CounterProfile;
using kevo::population::KernelCounters;

namespace {

// One kernel's counters in CUPTI's names; rates in percent, as CUPTI gives them.
KernelCounters kernel(double dram_read, double dram_write, double dram_pct, double memory_pct, double sm_pct,
                      double occupancy_pct) {
  return {"k",
          {{"gpu__time_duration.sum", 1e6},
           {"dram__bytes_read.sum", dram_read},
           {"dram__bytes_write.sum", dram_write},
           {"dram__throughput.avg.pct_of_peak_sustained_elapsed", dram_pct},
           {"gpu__compute_memory_throughput.avg.pct_of_peak_sustained_elapsed", memory_pct},
           {"sm__throughput.avg.pct_of_peak_sustained_elapsed", sm_pct},
           {"sm__warps_active.avg.pct_of_peak_sustained_active", occupancy_pct},
           {"lts__t_sector_hit_rate.pct", 50},
           {"sm__sass_data_bytes_mem_global_op_ld.sum", dram_read},
           {"l1tex__t_sectors_pipe_lsu_mem_global_op_ld.sum", dram_read / 32},
           {"sm__sass_data_bytes_mem_global_op_st.sum", dram_write},
           {"l1tex__t_sectors_pipe_lsu_mem_global_op_st.sum", dram_write / 32}}};
}

CounterProfile one(KernelCounters k) { return {{std::move(k)}, 12, 0.1, "memory"}; }

}  // namespace

TEST_CASE("counters: bytes add up over a plan's kernels, rates are weighted by duration", "[counters]") {
  KernelCounters first = kernel(1e6, 2e6, 20, 30, 10, 50);
  first.values["gpu__time_duration.sum"] = 1000;
  KernelCounters second = kernel(3e6, 4e6, 80, 90, 40, 25);
  second.values["gpu__time_duration.sum"] = 3000;
  second.values["lts__t_sector_hit_rate.pct"] = std::numeric_limits<double>::quiet_NaN();  // no L2 requests
  second.values.erase("sm__sass_data_bytes_mem_global_op_st.sum");  // missing: counts as 0
  const auto m = measure(CounterProfile{{first, second}, 12, 0.1, ""});
  CHECK(m.seconds == Approx(4e-6));
  CHECK(m.dram_read_bytes == Approx(4e6));
  CHECK(m.dram_write_bytes == Approx(6e6));
  CHECK(m.dram_bytes() == Approx(1e7));
  CHECK(m.dram_throughput == Approx((0.2 * 1000 + 0.8 * 3000) / 4000));
  CHECK(m.achieved_occupancy == Approx((0.5 * 1000 + 0.25 * 3000) / 4000));
  CHECK(m.l2_hit_rate == Approx(0.5));  // the NaN kernel is left out, not averaged as 0
  CHECK(m.load_efficiency() == Approx(1.0));
  CHECK(m.store_efficiency() == Approx(2e6 / (6e6)));
  CHECK(measure(CounterProfile{}).dram_bytes() == 0);
}

TEST_CASE("counters: a copy at the DRAM roof is memory/dram-bandwidth", "[counters]") {
  const auto d = diagnose(one(kernel(6.7e7, 6.7e7, 91, 92, 12, 85)), 1.34e8, std::nullopt);
  CHECK(d.bound == "memory");
  CHECK(d.finer_bound() == "memory/dram-bandwidth");
  CHECK(d.traffic_ratio == Approx(1.0).epsilon(0.01));
  CHECK_THAT(d.limiters.front().text, KEVO_CONTAINS("91% of peak"));
}

TEST_CASE("counters: uncoalesced access ranks above the bandwidth it wastes", "[counters]") {
  KernelCounters k = kernel(2.6e8, 2.6e8, 70, 75, 15, 80);
  k.values["sm__sass_data_bytes_mem_global_op_ld.sum"] = 6.7e7;  // 4 bytes used per 32-byte sector
  k.values["l1tex__t_sectors_pipe_lsu_mem_global_op_ld.sum"] = 6.7e7 / 4;
  k.values["sm__sass_data_bytes_mem_global_op_st.sum"] = 6.7e7;
  k.values["l1tex__t_sectors_pipe_lsu_mem_global_op_st.sum"] = 6.7e7 / 4;
  const auto d = diagnose(one(k), 1.34e8, std::nullopt);
  CHECK(d.finer_bound() == "memory/uncoalesced");
  CHECK(d.traffic_ratio == Approx(3.88).epsilon(0.01));
  REQUIRE(d.limiters.size() >= 3);
  CHECK(d.limiters[1].key == "excess-traffic");
  CHECK(d.limiters[2].key == "dram-bandwidth");
  CHECK_THAT(d.limiters[0].text, KEVO_CONTAINS("loads use 12%"));
  CHECK_THAT(d.limiters[1].text, KEVO_CONTAINS("3.9x the task's formula"));
  const std::string summary = kevo::fitness::profile::limiter_summary(d, 2);
  CHECK_THAT(summary, KEVO_CONTAINS("1. uncoalesced"));
  CHECK_THAT(summary, KEVO_CONTAINS("2. DRAM traffic is 3.9x"));
  CHECK(summary.find("\n3. ") == std::string::npos);
}

TEST_CASE("counters: idle units with few warps are latency/occupancy", "[counters]") {
  kevo::population::KernelResources resources{128, 49152, 0, 0.125};
  const auto d = diagnose(one(kernel(1e6, 1e6, 5, 15, 20, 10)), 2e6, resources);
  CHECK(d.bound == "latency");
  CHECK(d.finer_bound() == "latency/occupancy");
  CHECK_THAT(d.limiters.front().text, KEVO_CONTAINS("128 registers/thread"));
  CHECK(d.limiters.back().key == "idle-units");
}

TEST_CASE("counters: bank conflicts and spills are named with their evidence", "[counters]") {
  KernelCounters k = kernel(1e8, 1e7, 30, 70, 40, 50);
  k.values["l1tex__data_bank_conflicts_pipe_lsu_mem_shared.sum"] = 8e6;
  k.values["l1tex__data_pipe_lsu_wavefronts_mem_shared.sum"] = 1e7;
  k.values["l1tex__t_bytes_pipe_lsu_mem_local_op_ld.sum"] = 3e7;
  const auto d = diagnose(one(k), 1.1e8, std::nullopt);
  CHECK(d.finer_bound() == "memory/bank-conflicts");
  bool spills = false;
  for (const auto& limiter : d.limiters) spills = spills || limiter.key == "spills";
  CHECK(spills);
  CHECK_THAT(kevo::fitness::profile::limiter_summary(d, 9), KEVO_CONTAINS("30.0 MB of local-memory traffic"));
}

TEST_CASE("counters: the roofline reads a profiled kernel at the bytes it moved", "[counters][roofline]") {
  const auto task = kevo::test::vadd_task();  // 12 bytes per element by formula
  kevo::fitness::hardware::Ceilings ceilings;
  ceilings.precision = kevo::fitness::hardware::Precision::fp32;
  ceilings.bytes_per_second = 3e12;
  ceilings.flops_per_second = 60e12;
  kevo::population::Evaluation evaluation;
  evaluation.status = kevo::population::EvalStatus::ok;
  const double formula = 12.0 * task.bench.values.at("N");
  // At 30% of the DRAM roof by the formula: "latency" without counters.
  const double seconds = formula / (0.3 * 3e12);
  evaluation.timings = {{"bench", seconds, 0.01, {seconds}, 0}};
  kevo::fitness::hardware::annotate_roofline(evaluation, task, ceilings);
  CHECK(evaluation.bound == "latency");
  const double fraction = *evaluation.roofline_fraction;

  evaluation.counters = one(kernel(2.4 * formula, 0.6 * formula, 88, 90, 10, 80));  // 3x the formula's bytes
  const auto report = kevo::fitness::hardware::roofline_of(evaluation, task, ceilings);
  REQUIRE(report);
  REQUIRE(report->measured_bytes);
  CHECK(*report->measured_bytes == Approx(3 * formula));
  CHECK(report->traffic_ratio == Approx(3.0));
  CHECK(report->excess_traffic);
  CHECK(report->bound == "memory");
  CHECK(report->fraction == Approx(fraction));  // useful work still by the formula
  CHECK_THAT(report->explanation, KEVO_CONTAINS("3.0x the task's formula bytes"));
  kevo::fitness::hardware::annotate_roofline(evaluation, task, ceilings);
  CHECK(evaluation.bound == "memory");
  CHECK(*evaluation.roofline_fraction == Approx(fraction));
  CHECK(kevo::fitness::profile::bandit_bound(evaluation, task) == "memory/excess-traffic");
  evaluation.counters.reset();
  evaluation.bound = "latency";
  CHECK(kevo::fitness::profile::bandit_bound(evaluation, task) == "latency");
}

TEST_CASE("counters: profile requests and their counters cross the worker protocol", "[counters][worker]") {
  kevo::fitness::worker::RunRequest request;
  request.shared_object = "/tmp/k.cubin";
  request.shm_path = "/dev/shm/x";
  request.mode = kevo::fitness::worker::RunMode::profile;
  request.metrics = counter_metrics();
  kevo::fitness::worker::RunRequest decoded;
  CHECK(kevo::fitness::worker::decode_request(kevo::fitness::worker::encode_request(request), decoded) == "run");
  CHECK(decoded.mode == kevo::fitness::worker::RunMode::profile);
  CHECK(decoded.metrics == counter_metrics());

  kevo::fitness::worker::RunReply reply;
  reply.ok = true;
  reply.counters = one(kernel(1, 2, 3, 4, 5, 6));
  const auto back = kevo::fitness::worker::decode_reply(kevo::fitness::worker::encode_reply(reply));
  REQUIRE(back.counters);
  CHECK(*back.counters == *reply.counters);
}

TEST_CASE("counters: the CPU worker says it reads none, and is not at fault", "[counters][worker]") {
  kevo::test::TempDir dir;
  kevo::fitness::worker::WorkerClient worker(KEVO_WORKER_PATH, [](const std::string&) {});
  kevo::fitness::worker::RunRequest request;
  request.mode = kevo::fitness::worker::RunMode::profile;
  request.shared_object = (dir.path() / "none.so").string();
  request.shm_path = (dir.path() / "none").string();
  const auto outcome = worker.run(request, 10);
  CHECK(outcome.kind == kevo::fitness::worker::WorkerOutcome::Kind::unsupported);
  CHECK_THAT(outcome.message, KEVO_CONTAINS("no hardware counters"));
}

TEST_CASE("cupti host: every counter kevo reads exists from Volta to Blackwell", "[counters][cuda]") {
  std::unique_ptr<kevo::fitness::cuda::CuptiApi> api;
  try {
    api = std::make_unique<kevo::fitness::cuda::CuptiApi>();
  } catch (const kevo::fitness::cuda::CuptiUnavailable& error) {
    KEVO_SKIP_UNLESS(false, error.what());
  }
  for (const std::string chip : {"GV100", "GA100", "AD102", "GH100", "GB100"}) {
    INFO(chip);
    const kevo::fitness::cuda::MetricConfig config(*api, chip, counter_metrics(), {});
    CHECK(config.passes() > 1);
    CHECK(config.passes() < 40);
    CHECK(!config.image().empty());
  }
  CHECK_THROWS_WITH(kevo::fitness::cuda::MetricConfig(*api, "GH100", {"no__such_metric.sum"}, {}),
                    KEVO_CONTAINS("configure the counters on chip GH100"));
}
