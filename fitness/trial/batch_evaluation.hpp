#pragma once
// The shape every back end's Evaluator::evaluate() shares: screen each
// variant (a rejected one never reaches a compiler), compile the survivors
// in one parallel batch, then run each on the device in turn. Back ends
// differ only in the three steps they pass in.
#include <optional>
#include <string>
#include <vector>

#include "population/evaluation.hpp"
#include "population/variant.hpp"

namespace kevo::fitness::trial {

// screen(variant, index, evaluation) -> std::optional<Screened> (Screened has
// `index` and `job`); compile_all(jobs) -> results in job order;
// run(screened, result, evaluation) fills the evaluation.
template <typename Screen, typename CompileAll, typename Run>
std::vector<population::Evaluation> evaluate_batch(const std::vector<population::Variant>& variants,
                                                   const std::string& device_id, Screen screen,
                                                   CompileAll compile_all, Run run) {
  std::vector<population::Evaluation> evaluations(variants.size());
  using Screened = typename decltype(screen(variants.front(), 0, evaluations.front()))::value_type;
  std::vector<Screened> screened;
  for (std::size_t i = 0; i < variants.size(); ++i) {
    evaluations[i].variant_id = variants[i].content_hash();
    evaluations[i].device_id = device_id;
    if (auto ready = screen(variants[i], i, evaluations[i])) screened.push_back(std::move(*ready));
  }
  std::vector<decltype(Screened::job)> jobs;
  for (const Screened& s : screened) jobs.push_back(s.job);
  const auto compiled = compile_all(jobs);
  for (std::size_t k = 0; k < screened.size(); ++k) run(screened[k], compiled[k], evaluations[screened[k].index]);
  return evaluations;
}

}  // namespace kevo::fitness::trial
