// The CUDA twin of the adversarial corpus, on a real GPU: one kernel per way
// of fooling the evaluator, all in ONE batch through ONE evaluator, so the
// test also shows that an illegal address or a hung kernel costs only the
// variant that caused it.
#include <string>
#include <vector>

#include "catch_compat.hpp"
#include "corpus_table.hpp"
#include "cuda_test_support.hpp"

namespace {

using kevo::population::EvalStatus;

using Case = kevo::test::CorpusCase;

const std::vector<Case>& corpus() {
  static const std::vector<Case> cases = {
      {"seed:256", EvalStatus::ok, {}},
      {"returns_zeros", EvalStatus::wrong_result, {"output z[0] = 0, expected", "at size N=37"}},
      {"leaves_output_unwritten", EvalStatus::wrong_result,
       {"output z[18] not written (still poison)", "at size N=37"}},
      {"writes_input", EvalStatus::rejected, {"kernel wrote its input x (x[0] was", "now 42)"}},
      {"bench_size_only", EvalStatus::wrong_result, {"expected", "at size N=37"}},
      {"exits_early_for_bench_shape", EvalStatus::wrong_result,
       {"not written (still poison)", "in the check run", "at size N=1048576"}},
      {"multiple_of_8_only", EvalStatus::wrong_result, {"output z[32] not written (still poison)", "at size N=37"}},
      {"returns_nan", EvalStatus::wrong_result, {"output z[18] = nan", "at size N=37"}},
      {"illegal_address", EvalStatus::crash, {"CUDA_ERROR_ILLEGAL_ADDRESS", "at size N=37"}},
      {"seed:128", EvalStatus::ok, {}},  // right after the worker died
      {"infinite_loop", EvalStatus::timeout, {"no reply within 2 s", "at size N=37"}},
      {"seed:64", EvalStatus::ok, {}},  // right after a hang
      {"does_not_compile", EvalStatus::compile_error, {"kernel.cu(5): error: expected a \";\""}},
      {"wrong_signature", EvalStatus::rejected, {"takes 2 parameters but the plan passes 4"}},
      {"launches_on_other_stream", EvalStatus::rejected, {"forbidden cudaStreamCreateWithFlags"}},
      {"device_side_launch", EvalStatus::compile_error, {"error"}},
      {"writes_past_end", EvalStatus::wrong_result,
       {"kernel wrote outside its buffers: byte 148 of z, which has 148 bytes", "at size N=37"}},
      {"previous_launch_results", EvalStatus::wrong_result,
       {"not written (still poison)", "timed run", "at size N=1048576"}},
      // State kept between launches (issue 22's corpus): replaying pays nothing on fresh inputs.
      {"memo_by_address", EvalStatus::wrong_result, {"expected", "timed run", "at size N=1048576"}},
      {"memo_by_sampled_contents", EvalStatus::ok, {}},   // never hits: it does the work, at its honest time
      {"staged:memo_full_checksum", EvalStatus::ok, {}},  // never hits either
      {"staged:memo_in_scratch", EvalStatus::ok, {}},     // scratch is zeroed before every run
      {"skips_alternate_launches", EvalStatus::wrong_result,
       {"not written (still poison)", "timed run", "at size N=1048576"}},
      {"skips_at_random", EvalStatus::wrong_result, {"not written (still poison)", "timed run", "at size N=1048576"}},
      // Legitimate state passes unchanged.
      {"counter_reset_by_last_block", EvalStatus::ok, {}},
      {"constant_table", EvalStatus::ok, {}},
      {"seed:staged", EvalStatus::ok, {}},  // a scratch buffer the plan declares
  };
  return cases;
}

kevo::population::Variant variant_for(const kevo::fitness::Task& task, const std::string& name) {
  const kevo::fitness::SeedSpec& staged = *task.find_seed("staged");
  if (name == "seed:staged") return task.seed_variant(staged);
  if (name.rfind("staged:", 0) == 0) {
    auto variant = task.seed_variant(staged);
    variant.source = kevo::test::cuda_kernel(name.substr(7));
    return variant;
  }
  if (name.rfind("seed:", 0) == 0) {
    auto variant = task.seed_variant(task.seeds.front());
    variant.knobs["BLOCK"] = std::stoll(name.substr(5));
    return variant;
  }
  return kevo::test::with_source(task, kevo::test::cuda_kernel(name));
}

}  // namespace

TEST_CASE("cuda adversarial corpus: every cheat is caught on the GPU with a specific reason", "[gpu][adversarial]") {
  kevo::test::TempDir dir;
  const auto task = kevo::test::vadd_cuda_task();
  std::string why_not;
  const auto evaluator =
      kevo::test::try_cuda_evaluator(kevo::test::test_context(dir), task, kevo::test::quick_protocol(), why_not);
  KEVO_SKIP_UNLESS(evaluator != nullptr, why_not);
  CHECK(evaluator->device_id().rfind("cuda:0:", 0) == 0);

  std::vector<kevo::population::Variant> batch;
  for (const Case& c : corpus()) batch.push_back(variant_for(task, c.name));
  const auto evaluations = evaluator->evaluate(batch);
  REQUIRE(evaluations.size() == batch.size());
  kevo::test::print_corpus_table(corpus(), evaluations);
  for (std::size_t i = 0; i < corpus().size(); ++i) {
    const Case& c = corpus()[i];
    const auto& evaluation = evaluations[i];
    INFO(c.name << ": " << kevo::population::to_string(evaluation.status) << ": " << evaluation.error);
    CHECK(evaluation.status == c.status);
    for (const std::string& part : c.reason_parts) CHECK_THAT(evaluation.error, KEVO_CONTAINS(part));
    if (c.status == EvalStatus::ok) {
      REQUIRE(evaluation.timings.size() == 1);
      CHECK(evaluation.timings[0].size_label == "N=1048576");
      CHECK(evaluation.timings[0].median_seconds > 0);
      CHECK(evaluation.timings[0].median_seconds < 0.01);  // 12 MiB of traffic: microseconds, not a host clock
      REQUIRE(evaluation.resources.has_value());
      CHECK(evaluation.resources->registers_per_thread > 0);
      CHECK(evaluation.resources->occupancy > 0);
      CHECK(evaluation.bytes_per_second > 0);
    } else {
      CHECK(evaluation.timings.empty());
    }
  }
}

TEST_CASE("cuda evaluator: a missing GPU is one clear error naming the device", "[cuda]") {
  kevo::test::TempDir dir;
  const auto task = kevo::test::vadd_cuda_task();
  try {
    const auto evaluator = kevo::fitness::make_cuda_evaluator(kevo::test::test_context(dir), task,
                                                              kevo::test::quick_protocol(), 63);
    FAIL("cuda:63 opened: " << evaluator->device_id());
  } catch (const std::runtime_error& error) {
    // Without a driver: "device cuda:63: no NVIDIA driver: ..."; with one: "... no such device".
    CHECK_THAT(std::string(error.what()), KEVO_CONTAINS("device cuda:63: "));
  }
}
