// The adversarial corpus: one kernel per way of fooling the evaluator, all in
// ONE batch through ONE evaluator, so the test also shows that a crash or a
// hang costs only the variant that caused it.
#include <map>
#include <string>
#include <vector>

#include "catch_compat.hpp"
#include "cpu_test_support.hpp"
#include "fitness/evaluator.hpp"

namespace {

using kevo::population::EvalStatus;

struct Case {
  std::string name;      // kernel file (without .cpp), or "seed:<UNROLL>" for the honest seed
  EvalStatus status;
  std::vector<std::string> reason_parts;  // each must appear in Evaluation::error
};

const std::vector<Case>& corpus() {
  static const std::vector<Case> cases = {
      {"seed:1", EvalStatus::ok, {}},
      {"returns_zeros", EvalStatus::wrong_result, {"output z[0] = 0, expected", "at size N=37"}},
      {"leaves_output_unwritten", EvalStatus::wrong_result,
       {"output z[18] not written (still poison)", "19 of 37 elements fail", "at size N=37"}},
      {"writes_input", EvalStatus::rejected, {"kernel wrote its input x (x[0] was", "now 42)"}},
      {"static_cache", EvalStatus::wrong_result, {"output z[0] =", "expected", "at size N=1"}},
      {"bench_size_only", EvalStatus::wrong_result, {"expected", "at size N=37"}},
      {"multiple_of_8_only", EvalStatus::wrong_result,
       {"output z[32] not written (still poison)", "at size N=37"}},
      {"returns_nan", EvalStatus::wrong_result, {"output z[18] = nan", "at size N=37"}},
      {"segfaults", EvalStatus::crash, {"worker killed by signal 11", "at size N=37"}},
      {"seed:2", EvalStatus::ok, {}},  // right after a crash
      {"infinite_loop", EvalStatus::timeout, {"no reply within 2 s", "at size N=37"}},
      {"seed:4", EvalStatus::ok, {}},  // right after a timeout
      {"does_not_compile", EvalStatus::compile_error, {"kernel.cpp:5:", "error: expected ';' before '}' token"}},
      {"wrong_signature", EvalStatus::compile_error, {"invalid conversion from 'const float*' to 'float*'"}},
      {"spawns_thread", EvalStatus::rejected, {"line 3: forbidden #include <thread>"}},
      {"reads_clock", EvalStatus::rejected, {"forbidden __rdtsc", "host clock"}},
      {"writes_past_end", EvalStatus::wrong_result,
       {"kernel wrote outside its buffers: byte 148 of z, which has 148 bytes", "at size N=37"}},
      {"first_call_per_size", EvalStatus::wrong_result,
       {"not written (still poison)", "after timing at size N=4096"}},
  };
  return cases;
}

kevo::population::Variant variant_for(const kevo::fitness::Task& task, const std::string& name) {
  if (name.rfind("seed:", 0) == 0) {
    auto variant = task.seed_variant(task.seeds.front());
    variant.knobs["UNROLL"] = std::stoll(name.substr(5));
    return variant;
  }
  return kevo::test::with_source(task, kevo::test::adversarial_kernel(name));
}

}  // namespace

TEST_CASE("cpu adversarial corpus: every cheat is caught with a specific reason, in one batch",
          "[cpu][adversarial]") {
  kevo::test::TempDir dir;
  const auto task = kevo::test::vadd_task();
  const auto evaluator = kevo::fitness::make_cpu_evaluator(kevo::test::test_context(dir), task,
                                                           kevo::test::quick_protocol());
  std::vector<kevo::population::Variant> batch;
  for (const Case& c : corpus()) batch.push_back(variant_for(task, c.name));
  // An invalid knob value is screened out before compiling.
  auto bad_knob = task.seed_variant(task.seeds.front());
  bad_knob.knobs["UNROLL"] = 3;
  batch.push_back(bad_knob);

  const auto evaluations = evaluator->evaluate(batch);
  REQUIRE(evaluations.size() == batch.size());
  for (std::size_t i = 0; i < corpus().size(); ++i) {
    const Case& c = corpus()[i];
    const auto& evaluation = evaluations[i];
    INFO(c.name << ": " << kevo::population::to_string(evaluation.status) << ": " << evaluation.error);
    CHECK(evaluation.status == c.status);
    for (const std::string& part : c.reason_parts) CHECK_THAT(evaluation.error, KEVO_CONTAINS(part));
    if (c.status == EvalStatus::ok) {
      CHECK(evaluation.error.empty());
      REQUIRE(evaluation.timings.size() == 1);
      CHECK(evaluation.timings[0].size_label == "N=4096");
      CHECK(evaluation.timings[0].median_seconds > 0);
    } else {
      CHECK_FALSE(evaluation.error.empty());
      CHECK(evaluation.timings.empty());
    }
  }
  const auto& knob_evaluation = evaluations.back();
  INFO(knob_evaluation.error);
  CHECK(knob_evaluation.status == EvalStatus::rejected);
  CHECK_THAT(knob_evaluation.error, KEVO_CONTAINS("UNROLL"));
}
