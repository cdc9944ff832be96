#include "fitness/trial/variant_trial.hpp"

#include <algorithm>
#include <cstdio>

#include "fitness/protocol/timing_stats.hpp"
#include "fitness/trial/phase_clock.hpp"

namespace kevo::fitness::trial {

namespace {

using population::EvalStatus;
using population::Evaluation;

std::string format_seconds(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", seconds);
  return text;
}

bool fail(Evaluation& evaluation, EvalStatus status, const std::string& reason) {
  evaluation.status = status;
  evaluation.error = reason;
  return false;
}

using worker::WorkerOutcome;

EvalStatus status_of(WorkerOutcome::Kind kind) {
  switch (kind) {
    case WorkerOutcome::Kind::rejected: return EvalStatus::rejected;
    case WorkerOutcome::Kind::timeout: return EvalStatus::timeout;
    case WorkerOutcome::Kind::crash:
    case WorkerOutcome::Kind::unsupported: return EvalStatus::crash;
    case WorkerOutcome::Kind::ok: break;
  }
  return EvalStatus::ok;
}

void record_errors(Evaluation& evaluation, const protocol::Comparison& comparison) {
  evaluation.max_abs_error = std::max(evaluation.max_abs_error, comparison.max_abs_error);
  evaluation.max_rel_error = std::max(evaluation.max_rel_error, comparison.max_rel_error);
  evaluation.norm_rel_error = std::max(evaluation.norm_rel_error, comparison.norm_rel_error);
}

bool same_size(const SizePoint& a, const SizePoint& b) { return a.values == b.values; }

}  // namespace

VariantTrial::VariantTrial(TrialSetup& setup, const CompiledVariant& variant)
    : setup_(setup), variant_(variant) {}

std::vector<VariantTrial::SizeCase> VariantTrial::size_cases() const {
  std::vector<SizeCase> cases;
  const std::vector<SizePoint>& checks = setup_.task.checks;
  for (std::size_t i = 0; i < checks.size(); ++i) {
    // The bench size is checked last, once, whether or not it is listed.
    if (!same_size(checks[i], setup_.task.bench)) cases.push_back({i, &checks[i]});
  }
  cases.push_back({checks.size(), &setup_.task.bench});
  return cases;
}

void VariantTrial::run(Evaluation& evaluation) {
  budget_left_ = setup_.protocol.run_timeout_seconds;
  const std::vector<SizeCase> cases = size_cases();
  for (const SizeCase& size_case : cases) {
    if (!check_size(size_case, evaluation)) return;
  }
  if (!time_bench(cases.back(), evaluation)) return;
  evaluation.status = EvalStatus::ok;
  evaluation.error.clear();
  fill_rates(evaluation);
}

std::unique_ptr<SizeWorkspace> VariantTrial::prepare(const SizeCase& size_case, std::uint64_t& seed,
                                                     Evaluation& evaluation) {
  protocol::BoundLaunch launch;
  try {
    launch = protocol::bind_launch(setup_.task, variant_.plan, *size_case.size, variant_.knobs);
  } catch (const protocol::PlanError& error) {
    fail(evaluation, EvalStatus::rejected,
         std::string(error.what()) + " at size " + size_case.size->label());
    return nullptr;
  }
  const PhaseClock clock(evaluation.cost.inputs_seconds);
  auto workspace = std::make_unique<SizeWorkspace>(setup_.task, std::move(launch), setup_.scratch_dir);
  seed = setup_.inputs.size_seed(variant_.id, size_case.index);
  workspace->write_inputs(setup_.inputs, seed);
  return workspace;
}

bool VariantTrial::check_size(const SizeCase& size_case, Evaluation& evaluation) {
  std::uint64_t seed = 0;
  auto workspace = prepare(size_case, seed, evaluation);
  if (!workspace) return false;
  const auto reference = reference_outputs(*workspace, *size_case.size, seed, evaluation);
  reset_outputs(*workspace, evaluation);
  const std::string context = "at size " + size_case.size->label();
  const RunRequest request = workspace->request(variant_.module,
                                                workspace->launch().steps, RunMode::check);
  if (!run_candidate(request, context, evaluation, nullptr)) return false;
  if (!verify(*workspace, *reference, context, evaluation)) return false;
  // The bench size is checked last and timed next on the same, verified
  // inputs: drawing, checksumming and copying hundreds of MiB again would
  // cost more than the timing itself.
  bench_ = {std::move(workspace), reference, seed};
  return true;
}

bool VariantTrial::time_bench(const SizeCase& bench, Evaluation& evaluation) {
  if (!bench_.workspace) {
    std::uint64_t seed = 0;
    auto workspace = prepare(bench, seed, evaluation);
    if (!workspace) return false;
    const auto reference = reference_outputs(*workspace, *bench.size, seed, evaluation);
    bench_ = {std::move(workspace), reference, seed};
  }
  SizeWorkspace& workspace = *bench_.workspace;
  reset_outputs(workspace, evaluation);
  RunRequest request = workspace.request(variant_.module, workspace.launch().steps, RunMode::time);
  request.warmup = setup_.protocol.warmup;
  request.samples = std::max(1, setup_.protocol.samples);
  request.flush_bytes = setup_.flush_bytes;
  population::SizeTiming timing;
  timing.size_label = bench.size->label();
  for (int round = 0;; ++round) {
    std::vector<double> samples;
    if (!run_candidate(request, "while timing at size " + timing.size_label, evaluation, &samples)) {
      return false;
    }
    const protocol::TimingStats stats = protocol::summarize_timings(samples);
    timing = {timing.size_label, stats.median, stats.spread, samples, round};
    if (stats.spread <= setup_.protocol.max_spread || round >= setup_.protocol.max_retimes) break;
  }
  const std::string context = "after timing at size " + timing.size_label +
                              " (the kernel changes behaviour on repeated calls)";
  if (!verify(workspace, *bench_.reference, context, evaluation)) return false;
  evaluation.timings = {timing};  // only a kernel that stayed right gets timings
  return true;
}

bool VariantTrial::run_candidate(const RunRequest& request, const std::string& context,
                                 Evaluation& evaluation, std::vector<double>* samples) {
  const double budget = setup_.protocol.run_timeout_seconds;
  if (budget_left_ <= 0) {
    return fail(evaluation, EvalStatus::timeout,
                "run budget of " + format_seconds(budget) + " s used up before running " + context);
  }
  RunRequest sent = request;
  sent.reload = !reloaded_;  // fresh statics at the start of every evaluation
  reloaded_ = true;
  const auto start = std::chrono::steady_clock::now();
  const worker::WorkerOutcome outcome = setup_.worker.run(sent, budget_left_);
  const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  budget_left_ -= waited;
  (samples != nullptr ? evaluation.cost.timing_runs_seconds : evaluation.cost.check_runs_seconds) += waited;
  if (!outcome.ok()) {
    std::string reason = outcome.message + " " + context;
    if (outcome.kind == WorkerOutcome::Kind::timeout) {
      reason += " (run budget " + format_seconds(budget) + " s for all checks and timing)";
    }
    return fail(evaluation, status_of(outcome.kind), reason);
  }
  if (samples != nullptr) *samples = outcome.samples;
  if (outcome.resources) evaluation.resources = outcome.resources;
  return true;
}

bool VariantTrial::verify(SizeWorkspace& workspace, const protocol::ReferenceOutputs& reference,
                          const std::string& context, Evaluation& evaluation) {
  const PhaseClock clock(evaluation.cost.verify_seconds);
  if (const std::string changed = workspace.changed_input(setup_.inputs); !changed.empty()) {
    return fail(evaluation, EvalStatus::rejected, changed + " " + context);
  }
  if (const std::string damage = workspace.guard_damage(); !damage.empty()) {
    return fail(evaluation, EvalStatus::wrong_result, damage + " " + context);
  }
  const protocol::Comparison comparison = workspace.compare(reference, setup_.task.tolerance);
  record_errors(evaluation, comparison);
  if (!comparison.pass) {
    return fail(evaluation, EvalStatus::wrong_result, comparison.failure + " " + context);
  }
  return true;
}

std::shared_ptr<const protocol::ReferenceOutputs> VariantTrial::reference_outputs(SizeWorkspace& workspace,
                                                                               const SizePoint& size,
                                                                               std::uint64_t seed,
                                                                               Evaluation& evaluation) {
  const PhaseClock clock(evaluation.cost.reference_seconds);
  return setup_.reference.outputs(workspace, setup_.inputs, size, seed);
}

void VariantTrial::reset_outputs(SizeWorkspace& workspace, Evaluation& evaluation) {
  const PhaseClock clock(evaluation.cost.inputs_seconds);
  workspace.reset_outputs();
}

void VariantTrial::fill_rates(Evaluation& evaluation) const {
  const double seconds = evaluation.timings.front().median_seconds;
  if (seconds <= 0) return;
  const expr::Bindings sizes(setup_.task.bench.values.begin(), setup_.task.bench.values.end());
  try {
    evaluation.flops_per_second = static_cast<double>(setup_.task.flops.evaluate(sizes)) / seconds;
    evaluation.bytes_per_second = static_cast<double>(setup_.task.bytes.evaluate(sizes)) / seconds;
  } catch (const expr::ExprError&) {
    // The loader validated both formulas; an overflow at the bench size leaves the rates at 0.
  }
}

}  // namespace kevo::fitness::trial
