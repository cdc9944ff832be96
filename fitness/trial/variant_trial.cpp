#include "fitness/trial/variant_trial.hpp"

#include <algorithm>
#include <cstdio>

#include "fitness/protocol/timing_stats.hpp"
#include "fitness/trial/bench_session.hpp"
#include "fitness/trial/phase_clock.hpp"

namespace kevo::fitness::trial {

namespace {

using population::EvalStatus;
using population::Evaluation;
using worker::WorkerOutcome;

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

// A session's verdict as an evaluation status.
EvalStatus verdict_status(const std::string& status) {
  return status == "rejected" ? EvalStatus::rejected : EvalStatus::wrong_result;
}

void record_errors(Evaluation& evaluation, const protocol::Comparison& comparison) {
  evaluation.max_abs_error = std::max(evaluation.max_abs_error, comparison.max_abs_error);
  evaluation.max_rel_error = std::max(evaluation.max_rel_error, comparison.max_rel_error);
  evaluation.norm_rel_error = std::max(evaluation.norm_rel_error, comparison.norm_rel_error);
}

bool same_size(const SizePoint& a, const SizePoint& b) { return a.values == b.values; }

std::vector<protocol::BoundStep> steps_of(const protocol::BoundLaunch& launch) { return launch.steps; }

}  // namespace

VariantTrial::VariantTrial(TrialSetup& setup, const CompiledVariant& variant)
    : setup_(setup), variant_(variant), bench_label_(setup.task.bench.label()) {}

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
    if (size_case.size != &setup_.task.bench) {
      if (!check_size(size_case, evaluation)) return;
    } else if (!setup_.worker_reference) {
      // The bench size is judged on the session's verified runs (the worker
      // holding the reference checks it in the session's check run first).
      bench_workspace_ = workspace_for(size_case, evaluation);
      if (!bench_workspace_) return;
    }
  }
  if (!time_bench(cases.back(), evaluation)) return;
  evaluation.status = EvalStatus::ok;
  evaluation.error.clear();
  fill_rates(evaluation);
}

std::unique_ptr<SizeWorkspace> VariantTrial::workspace_for(const SizeCase& size_case, Evaluation& evaluation) {
  protocol::BoundLaunch launch;
  try {
    launch = protocol::bind_launch(setup_.task, variant_.plan, *size_case.size, variant_.knobs);
  } catch (const protocol::PlanError& error) {
    fail(evaluation, EvalStatus::rejected,
         std::string(error.what()) + " at size " + size_case.size->label());
    return nullptr;
  }
  const PhaseClock clock(evaluation.cost.inputs_seconds);
  return std::make_unique<SizeWorkspace>(setup_.task, std::move(launch), setup_.scratch_dir);
}

std::unique_ptr<SizeWorkspace> VariantTrial::prepare(const SizeCase& size_case, std::uint64_t& seed,
                                                     Evaluation& evaluation) {
  auto workspace = workspace_for(size_case, evaluation);
  if (!workspace) return nullptr;
  const PhaseClock clock(evaluation.cost.inputs_seconds);
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
  const worker::RunRequest request = workspace->request(variant_.module,
                                                        workspace->launch().steps, worker::RunMode::check);
  if (!run_candidate(request, context, evaluation, evaluation.cost.check_runs_seconds)) return false;
  return verify(*workspace, *reference, context, evaluation);
}

bool VariantTrial::time_bench(const SizeCase& bench, Evaluation& evaluation) {
  protocol::BoundLaunch launch;
  try {
    launch = bench_workspace_ ? bench_workspace_->launch()
                              : protocol::bind_launch(setup_.task, variant_.plan, *bench.size, variant_.knobs);
  } catch (const protocol::PlanError& error) {
    return fail(evaluation, EvalStatus::rejected, std::string(error.what()) + " at size " + bench_label_);
  }
  worker::RunRequest request =
      bench_workspace_ ? bench_workspace_->request(variant_.module, steps_of(launch), worker::RunMode::session)
                       : layout_request(variant_.module, steps_of(launch), launch.buffers, layout_for(launch),
                                        worker::RunMode::session);
  request.flush_bytes = setup_.flush_bytes;
  request.protocol_module = setup_.protocol_module;
  request.session = bench_session_spec(setup_.task, setup_.protocol, launch, setup_.stash_bytes, setup_.worker_reference);
  population::SizeTiming timing;
  timing.size_label = bench_label_;
  for (int round = 0;; ++round) {
    const std::optional<session::SessionOutcome> outcome = run_session(request, evaluation);
    if (!outcome) return false;
    const int samples = static_cast<int>(outcome->samples.size());
    if (!request.session->reference) {
      for (const session::VerifiedRun& run : outcome->verified) {
        if (!verify_exported(run, samples, evaluation)) return false;
      }
    }
    const protocol::TimingStats stats = protocol::summarize_timings(outcome->samples);
    timing = {timing.size_label, stats.median, stats.spread, outcome->samples, round};
    if (stats.spread <= setup_.protocol.max_spread || round >= setup_.protocol.max_retimes) break;
    request.session->check_run = false;  // the kernel was checked in the first round
  }
  evaluation.timings = {timing};  // only a kernel whose verified runs were right gets timings
  return true;
}

std::optional<session::SessionOutcome> VariantTrial::run_session(const worker::RunRequest& request,
                                                                 Evaluation& evaluation) {
  WorkerOutcome reply;
  double waited = 0;
  if (!run_candidate(request, "while timing at size " + bench_label_, evaluation, waited, &reply)) {
    evaluation.cost.timing_runs_seconds += waited;
    return std::nullopt;
  }
  if (!reply.session) {
    fail(evaluation, EvalStatus::crash, "the worker answered a timing session without its outcome");
    return std::nullopt;
  }
  const session::SessionOutcome& outcome = *reply.session;
  evaluation.cost.verify_seconds += outcome.verify_seconds;
  evaluation.cost.timing_runs_seconds += std::max(0.0, waited - outcome.verify_seconds);
  for (const session::VerifiedRun& run : outcome.verified) {
    if (run.comparison) record_errors(evaluation, *run.comparison);
  }
  if (outcome.failed()) {
    fail(evaluation, verdict_status(outcome.failure_status), outcome.failure + " at size " + bench_label_);
    return std::nullopt;
  }
  return outcome;
}

bool VariantTrial::verify_exported(const session::VerifiedRun& run, int samples, Evaluation& evaluation) {
  SizeWorkspace& workspace = *bench_workspace_;
  const std::string context = "in " + run.describe(samples) + " at size " + bench_label_;
  worker::RunRequest request = workspace.request(variant_.module, workspace.launch().steps, worker::RunMode::export_run);
  request.export_run = run.run;
  if (!run_candidate(request, context, evaluation, evaluation.cost.verify_seconds)) return false;
  {
    const PhaseClock clock(evaluation.cost.verify_seconds);
    workspace.adopt_inputs(run.seed);
    workspace.copy_outputs_into(setup_.kept_outputs);
  }
  {
    const PhaseClock clock(evaluation.cost.reference_seconds);
    setup_.reference.run_in_place(workspace, setup_.inputs, setup_.task.bench);
  }
  const PhaseClock clock(evaluation.cost.verify_seconds);
  const protocol::Comparison comparison = workspace.compare_kept(setup_.kept_outputs, setup_.task.tolerance);
  record_errors(evaluation, comparison);
  if (!comparison.pass) return fail(evaluation, EvalStatus::wrong_result, comparison.failure + " " + context);
  return true;
}

bool VariantTrial::run_candidate(const worker::RunRequest& request, const std::string& context,
                                 Evaluation& evaluation, double& cost, WorkerOutcome* reply) {
  const double budget = setup_.protocol.run_timeout_seconds;
  if (budget_left_ <= 0) {
    return fail(evaluation, EvalStatus::timeout,
                "run budget of " + format_seconds(budget) + " s used up before running " + context);
  }
  worker::RunRequest sent = request;
  sent.reload = !reloaded_;  // fresh statics at the start of every evaluation
  reloaded_ = true;
  const auto start = std::chrono::steady_clock::now();
  WorkerOutcome outcome = setup_.worker.run(sent, budget_left_);
  const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  budget_left_ -= waited;
  cost += waited;
  if (!outcome.ok()) {
    std::string reason = outcome.message + " " + context;
    if (outcome.kind == WorkerOutcome::Kind::timeout) {
      reason += " (run budget " + format_seconds(budget) + " s for all checks and timing)";
    }
    return fail(evaluation, status_of(outcome.kind), reason);
  }
  if (outcome.resources) evaluation.resources = outcome.resources;
  if (reply != nullptr) *reply = std::move(outcome);
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
