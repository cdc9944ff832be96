#pragma once
// JSON forms of the population types, for the archive, MPI migration and the
// worker protocol. Round trips are exact: every double (NaN, infinities and
// -0.0 included) and every int64 comes back bit for bit.
//
// The to_json/from_json pairs are found by nlohmann::json through ADL, so
// `nlohmann::json j = variant;` and `j.get<Variant>()` work. from_json is
// strict: a missing key, a value of the wrong type (a float where an integer
// belongs, an int out of range) or an unknown enum name throws
// std::invalid_argument naming the key. Unknown keys are ignored, so newer
// writers can add fields.
//
// Strings must be valid UTF-8 for nlohmann::json::dump(), which throws
// otherwise; text captured from outside (compiler output) should be dumped
// with nlohmann::json::error_handler_t::replace, at the cost of exactness.
#include <nlohmann/json.hpp>

#include "population/evaluation.hpp"
#include "population/launch_plan.hpp"
#include "population/variant.hpp"

namespace kevo::population {

// KnobValues is a std::map alias, which ADL cannot attach to; these insist on
// integer values (a 3.5 is an error, not a silent 3).
nlohmann::json knobs_to_json(const KnobValues& knobs);
KnobValues knobs_from_json(const nlohmann::json& json);

// JSON has no NaN or infinity: those travel as the strings "nan", "inf" and
// "-inf"; finite values as numbers (nlohmann prints the shortest text that
// parses back to the same double).
nlohmann::json double_to_json(double value);
double double_from_json(const nlohmann::json& json);

void to_json(nlohmann::json& json, const LaunchStep& step);
void from_json(const nlohmann::json& json, LaunchStep& step);
void to_json(nlohmann::json& json, const ScratchBuffer& buffer);
void from_json(const nlohmann::json& json, ScratchBuffer& buffer);
void to_json(nlohmann::json& json, const LaunchPlan& plan);
void from_json(const nlohmann::json& json, LaunchPlan& plan);

void to_json(nlohmann::json& json, const Lineage& lineage);
void from_json(const nlohmann::json& json, Lineage& lineage);
void to_json(nlohmann::json& json, const Variant& variant);
void from_json(const nlohmann::json& json, Variant& variant);

void to_json(nlohmann::json& json, const SizeTiming& timing);
void from_json(const nlohmann::json& json, SizeTiming& timing);
void to_json(nlohmann::json& json, const KernelResources& resources);
void from_json(const nlohmann::json& json, KernelResources& resources);
void to_json(nlohmann::json& json, const KernelCounters& counters);
void from_json(const nlohmann::json& json, KernelCounters& counters);
void to_json(nlohmann::json& json, const CounterProfile& profile);
void from_json(const nlohmann::json& json, CounterProfile& profile);
void to_json(nlohmann::json& json, const EvaluationCost& cost);
void from_json(const nlohmann::json& json, EvaluationCost& cost);
void to_json(nlohmann::json& json, const Evaluation& evaluation);
void from_json(const nlohmann::json& json, Evaluation& evaluation);

}  // namespace kevo::population
