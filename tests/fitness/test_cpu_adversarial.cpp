// The adversarial corpus: one kernel per way of fooling the evaluator, all in
// ONE batch through ONE evaluator, so the test also shows that a crash or a
// hang costs only the variant that caused it.
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "catch_compat.hpp"
#include "corpus_table.hpp"
#include "cpu_test_support.hpp"
#include "fitness/evaluator.hpp"

namespace {

using kevo::population::EvalStatus;

using Case = kevo::test::CorpusCase;

const std::vector<Case>& corpus() {
  static const std::vector<Case> cases = {
      {"seed:1", EvalStatus::ok, {}},
      {"returns_zeros", EvalStatus::wrong_result, {"output z[0] = 0, expected", "at size N=37"}},
      {"leaves_output_unwritten", EvalStatus::wrong_result,
       {"output z[18] not written (still poison)", "19 of 37 elements fail", "at size N=37"}},
      {"writes_input", EvalStatus::rejected,
       {"kernel wrote its input x (byte 0 of 148; inputs are read-only)", "at size N=37"}},
      // Every check runs in a fresh process: state kept between calls shows only in the timed runs.
      {"static_cache", EvalStatus::wrong_result, {"output z[0] =", "expected", "timed run", "at size N=4096"}},
      {"bench_size_only", EvalStatus::wrong_result, {"expected", "at size N=37"}},
      {"multiple_of_8_only", EvalStatus::wrong_result,
       {"output z[32] not written (still poison)", "at size N=37"}},
      {"returns_nan", EvalStatus::wrong_result, {"output z[18] = nan", "at size N=37"}},
      {"segfaults", EvalStatus::crash, {"kernel killed by signal 11", "at size N=37"}},
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
       {"not written (still poison)", "timed run", "at size N=4096"}},
      // State kept between launches (issue 22's corpus): replaying pays nothing on fresh inputs.
      {"memo_by_address", EvalStatus::wrong_result, {"expected", "timed run", "at size N=4096"}},
      {"memo_by_sampled_contents", EvalStatus::ok, {}},  // never hits: it does the work, at its honest time
      {"staged:memo_full_checksum", EvalStatus::ok, {}},  // never hits either
      {"staged:memo_in_scratch", EvalStatus::ok, {}},     // scratch is zeroed before every run
      {"skips_alternate_launches", EvalStatus::wrong_result,
       {"not written (still poison)", "timed run", "at size N=4096"}},
      {"skips_at_random", EvalStatus::wrong_result, {"not written (still poison)", "timed run", "at size N=4096"}},
      {"file_cache", EvalStatus::rejected, {"kernel made a forbidden system call: openat", "at size N=37"}},
      {"reads_parent_cache", EvalStatus::rejected, {"kernel made a forbidden system call: openat", "at size N=37"}},
      {"forges_its_timing", EvalStatus::rejected, {"replies are out of order", "wrote to kevo's control channel", "at size N=37"}},
      // Legitimate state passes unchanged.
      {"static_table", EvalStatus::ok, {}},
      {"seed:staged", EvalStatus::ok, {}},  // a scratch buffer the plan declares
  };
  return cases;
}

const kevo::fitness::SeedSpec& seed_named(const kevo::fitness::Task& task, const std::string& name) {
  const kevo::fitness::SeedSpec* seed = task.find_seed(name);
  if (seed == nullptr) throw std::runtime_error("the corpus task has no seed " + name);
  return *seed;
}

kevo::population::Variant variant_for(const kevo::fitness::Task& task, const std::string& name) {
  if (name == "seed:staged") return task.seed_variant(seed_named(task, "staged"));
  if (name.rfind("seed:", 0) == 0) {
    auto variant = task.seed_variant(task.seeds.front());
    variant.knobs["UNROLL"] = std::stoll(name.substr(5));
    return variant;
  }
  if (name.rfind("staged:", 0) == 0) {
    auto variant = task.seed_variant(seed_named(task, "staged"));
    variant.source = kevo::test::adversarial_kernel(name.substr(7));
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
  kevo::test::print_corpus_table(corpus(), evaluations);
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
  // No cache file was left for a later variant to find.
  for (const auto& entry : std::filesystem::directory_iterator("/tmp")) {
    INFO(entry.path());
    CHECK(entry.path().filename().string().rfind("kevo-vadd-cache-", 0) != 0);
  }
  const auto& knob_evaluation = evaluations.back();
  INFO(knob_evaluation.error);
  CHECK(knob_evaluation.status == EvalStatus::rejected);
  CHECK_THAT(knob_evaluation.error, KEVO_CONTAINS("UNROLL"));
}
