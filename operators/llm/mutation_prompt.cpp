#include "operators/llm/mutation_prompt.hpp"

#include <cstdio>
#include <sstream>

#include "fitness/profile/counter_diagnosis.hpp"
#include "operators/llm/task_prompt.hpp"

namespace kevo::operators::llm {

namespace {

std::string measurement_text(const population::Evaluation& e) {
  if (!e.ok()) return "The parent did not pass: " + population::to_string(e.status) + ": " + e.error;
  char line[256];
  std::ostringstream out;
  if (const auto seconds = e.bench_seconds()) {
    std::snprintf(line, sizeof line, "Median time at the bench size: %.4f ms.\n", *seconds * 1e3);
    out << line;
  }
  std::snprintf(line, sizeof line, "Achieved: %.1f GB/s, %.2f TFLOP/s.\n", e.bytes_per_second / 1e9,
                e.flops_per_second / 1e12);
  out << line;
  if (e.roofline_fraction) {
    std::snprintf(line, sizeof line, "Roofline: %.0f%% of the attainable roof; bound: %s.\n",
                  100 * *e.roofline_fraction, e.bound.empty() ? "unknown" : e.bound.c_str());
    out << line;
  }
  if (e.resources) {
    std::snprintf(line, sizeof line,
                  "Compiled kernel: %d registers/thread, %d bytes shared memory/block, %d bytes local "
                  "(spills)/thread, occupancy %.0f%%.\n",
                  e.resources->registers_per_thread, e.resources->shared_bytes_per_block,
                  e.resources->local_bytes_per_thread, 100 * e.resources->occupancy);
    out << line;
  }
  return out.str();
}

}  // namespace

std::string kernel_writer_system_prompt() {
  return "You optimise compute kernels for speed without changing their results. Every kernel you write is "
         "compiled, checked against a trusted reference on fresh random inputs at several sizes (outputs are "
         "poisoned first, inputs checksummed, NaN never passes) and timed; a wrong or cheating kernel scores "
         "nothing. Keep the kernel's name and parameter list. Knob names in the source are compile-time "
         "constants set by the tuner; you may keep or remove them.\n\n"
         "Reply with EITHER the whole new source in exactly one fenced code block, OR one or more edits of the "
         "parent's source, each exactly:\n"
         "<<<<<<< SEARCH\n(lines copied verbatim from the parent, unique in it)\n=======\n(their replacement)\n"
         ">>>>>>> REPLACE\n"
         "Nothing else is read as code.";
}

// The hardware counters' ranked reading of what limits the parent, when it
// was profiled: what the strongest kernel agents feed their model, since a
// roofline position from formulas only guesses at bytes and stalls.
std::string limiter_text(const population::Evaluation& e, const fitness::Task& task) {
  constexpr std::size_t kLimitersShown = 3;
  const std::optional<fitness::profile::CounterDiagnosis> diagnosis = fitness::profile::diagnose(e, task);
  if (!diagnosis) return "";
  const fitness::profile::MeasuredCounters& m = diagnosis->counters;
  char ratio[64] = "";
  if (diagnosis->traffic_ratio > 0) {
    std::snprintf(ratio, sizeof ratio, " (%.1fx the task's formula)", diagnosis->traffic_ratio);
  }
  char line[256];
  std::snprintf(line, sizeof line, "Measured: %.1f MB DRAM traffic%s, L2 hit rate %.0f%%, achieved occupancy %.0f%%; "
                "bound: %s.\n", m.dram_bytes() / 1e6, ratio, 100 * m.l2_hit_rate, 100 * m.achieved_occupancy,
                diagnosis->finer_bound().c_str());
  return line + fitness::profile::limiter_summary(*diagnosis, kLimitersShown);
}

std::vector<PromptPart> mutation_prompt_parts(const MutationBrief& brief) {
  std::vector<PromptPart> parts;
  parts.push_back(task_part(brief.task));
  parts.push_back(reference_part(brief.task));
  std::string knobs;
  for (const auto& [name, value] : brief.parent.knobs) knobs += " " + name + "=" + std::to_string(value);
  parts.push_back({"Parent kernel (" + brief.parent.seed_name + " family;" + (knobs.empty() ? " no knobs" : knobs) +
                       ")",
                   fenced(language_tag(brief.parent.language), brief.parent.source), true});
  if (brief.measured != nullptr) parts.push_back({"What was measured for the parent", measurement_text(*brief.measured)});
  if (brief.measured != nullptr) {
    if (std::string limits = limiter_text(*brief.measured, brief.task); !limits.empty()) {
      parts.push_back({"What limits the parent (hardware counters, most limiting first)", std::move(limits)});
    }
  }
  if (!brief.hardware_facts.empty()) parts.push_back({"The device", brief.hardware_facts});
  if (brief.strategy != nullptr) {
    parts.push_back({"Apply this optimization strategy",
                     brief.strategy->name + " (" + brief.strategy->family + "): " + brief.strategy->description, true});
  }
  parts.push_back({"Goal", "Write a faster kernel that computes the same result.", true});
  return parts;
}

std::vector<PromptPart> crossover_prompt_parts(const MutationBrief& first, const MutationBrief& second) {
  std::vector<PromptPart> parts;
  parts.push_back(task_part(first.task));
  parts.push_back(reference_part(first.task));
  int index = 1;
  for (const MutationBrief* brief : {&first, &second}) {
    const std::string label = "Parent " + std::to_string(index++);
    parts.push_back({label + " (" + brief->parent.seed_name + " family)",
                     fenced(language_tag(brief->parent.language), brief->parent.source), true});
    if (brief->measured != nullptr) parts.push_back({"What was measured for " + label, measurement_text(*brief->measured)});
    if (brief->measured != nullptr) {
      if (std::string limits = limiter_text(*brief->measured, brief->task); !limits.empty()) {
        parts.push_back({"What limits " + label + " (hardware counters)", std::move(limits)});
      }
    }
  }
  parts.push_back({"Goal",
                   "Write one kernel that combines what makes each parent fast, computing the same result. Keep "
                   "Parent 1's kernel name, parameters and knob names; edits apply to Parent 1's source.",
                   true});
  return parts;
}

std::vector<PromptPart> repair_prompt_parts(const MutationBrief& brief) {
  constexpr std::size_t kErrorShown = 6000;  // compiler logs can be long; the first errors matter most
  std::string error = brief.measured != nullptr ? brief.measured->error : "";
  if (error.size() > kErrorShown) error = error.substr(0, kErrorShown) + "\n[... truncated]";
  const std::string status = brief.measured != nullptr ? population::to_string(brief.measured->status) : "failed";
  std::vector<PromptPart> parts;
  parts.push_back(task_part(brief.task));
  parts.push_back(reference_part(brief.task));
  parts.push_back({"Kernel that failed", fenced(language_tag(brief.parent.language), brief.parent.source), true});
  parts.push_back({"What went wrong (" + status + ")", fenced("", error), true});
  parts.push_back({"Goal", "Fix this kernel so that it compiles and computes the reference's result; keep its "
                           "optimizations where you can.", true});
  return parts;
}

}  // namespace kevo::operators::llm
