#include "population/serialization.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace kevo::population {
namespace {

using nlohmann::json;

// A decoding failure that knows where in the document it happened, so that
// nested decoders can prefix their own key: "launch.steps[1].grid[2]".
class JsonDecodeError : public std::invalid_argument {
 public:
  JsonDecodeError(std::string path, std::string problem)
      : std::invalid_argument("JSON key '" + path + "': " + problem),
        path_(std::move(path)),
        problem_(std::move(problem)) {}

  JsonDecodeError within(const std::string& outer) const {
    const bool is_index = !path_.empty() && path_.front() == '[';
    return {outer + (is_index ? "" : ".") + path_, problem_};
  }

 private:
  std::string path_;
  std::string problem_;
};

std::string index_path(std::size_t index) { return "[" + std::to_string(index) + "]"; }

// Decodes one value, attributing any failure to `path`.
template <typename Decode>
auto decode_at(const std::string& path, Decode decode) -> decltype(decode()) {
  try {
    return decode();
  } catch (const JsonDecodeError& error) {
    throw error.within(path);
  } catch (const std::exception& error) {
    throw JsonDecodeError(path, error.what());
  }
}

// Throws a plain std::invalid_argument: the caller's decode_at names the key.
const json& member(const json& object, const std::string& key) {
  if (!object.is_object()) {
    throw std::invalid_argument(std::string("expected inside an object, found ") +
                                object.type_name());
  }
  const auto found = object.find(key);
  if (found == object.end()) throw std::invalid_argument("missing");
  return *found;
}

void require_type(bool ok, const json& value, std::string_view expected) {
  if (!ok) {
    throw std::invalid_argument("expected " + std::string(expected) + ", found " +
                                value.type_name());
  }
}

std::string decode_string(const json& value) {
  require_type(value.is_string(), value, "a string");
  return value.get<std::string>();
}

template <typename Integer>
Integer decode_integer(const json& value) {
  require_type(value.is_number_integer(), value, "an integer");
  const bool fits = value.is_number_unsigned() ? std::in_range<Integer>(value.get<std::uint64_t>())
                                               : std::in_range<Integer>(value.get<std::int64_t>());
  if (!fits) throw std::invalid_argument("integer " + value.dump() + " out of range");
  return static_cast<Integer>(value.get<std::int64_t>());
}

bool decode_bool(const json& value) {
  require_type(value.is_boolean(), value, "true or false");
  return value.get<bool>();
}

std::string string_member(const json& object, const std::string& key) {
  return decode_at(key, [&] { return decode_string(member(object, key)); });
}

template <typename Integer>
Integer integer_member(const json& object, const std::string& key) {
  return decode_at(key, [&] { return decode_integer<Integer>(member(object, key)); });
}

bool bool_member(const json& object, const std::string& key) {
  return decode_at(key, [&] { return decode_bool(member(object, key)); });
}

double double_member(const json& object, const std::string& key) {
  return decode_at(key, [&] { return double_from_json(member(object, key)); });
}

template <typename T>
T object_member(const json& object, const std::string& key) {
  return decode_at(key, [&] { return member(object, key).get<T>(); });
}

// Decodes each element of an array with `decode_element`, naming the index on failure.
template <typename DecodeElement>
auto list_member(const json& object, const std::string& key, DecodeElement decode_element) {
  return decode_at(key, [&] {
    const json& list = member(object, key);
    require_type(list.is_array(), list, "an array");
    std::vector<decltype(decode_element(list.front()))> items;
    items.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
      items.push_back(decode_at(index_path(i), [&] { return decode_element(list[i]); }));
    }
    return items;
  });
}

std::array<std::string, 3> dim3_member(const json& object, const std::string& key) {
  const auto items = list_member(object, key, decode_string);
  if (items.size() != 3) {
    throw JsonDecodeError(key, "expected 3 elements, found " + std::to_string(items.size()));
  }
  return {items[0], items[1], items[2]};
}

json doubles_to_json(const std::vector<double>& values) {
  json list = json::array();
  for (const double value : values) list.push_back(double_to_json(value));
  return list;
}

}  // namespace

json knobs_to_json(const KnobValues& knobs) {
  json object = json::object();
  for (const auto& [name, value] : knobs) object[name] = value;
  return object;
}

KnobValues knobs_from_json(const json& object) {
  require_type(object.is_object(), object, "an object of knob values");
  KnobValues knobs;
  for (const auto& [name, value] : object.items()) {
    knobs[name] = decode_at(name, [&] { return decode_integer<std::int64_t>(value); });
  }
  return knobs;
}

json double_to_json(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return value;
}

double double_from_json(const json& value) {
  if (value.is_number()) return value.get<double>();
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (text == "nan") return std::numeric_limits<double>::quiet_NaN();
    if (text == "inf") return std::numeric_limits<double>::infinity();
    if (text == "-inf") return -std::numeric_limits<double>::infinity();
    throw std::invalid_argument("expected a number, \"nan\", \"inf\" or \"-inf\", found \"" +
                                text + "\"");
  }
  require_type(false, value, "a number");
  return 0;  // not reached
}

void to_json(json& out, const LaunchStep& step) {
  out = json{{"kernel", step.kernel},
             {"grid", step.grid},
             {"block", step.block},
             {"shared_bytes", step.shared_bytes},
             {"args", step.args}};
}

void from_json(const json& in, LaunchStep& step) {
  step.kernel = string_member(in, "kernel");
  step.grid = dim3_member(in, "grid");
  step.block = dim3_member(in, "block");
  step.shared_bytes = string_member(in, "shared_bytes");
  step.args = list_member(in, "args", decode_string);
}

void to_json(json& out, const ScratchBuffer& buffer) {
  out = json{{"name", buffer.name}, {"bytes", buffer.bytes}};
}

void from_json(const json& in, ScratchBuffer& buffer) {
  buffer.name = string_member(in, "name");
  buffer.bytes = string_member(in, "bytes");
}

void to_json(json& out, const LaunchPlan& plan) {
  out = json{{"steps", plan.steps}, {"scratch", plan.scratch}};
}

void from_json(const json& in, LaunchPlan& plan) {
  plan.steps = list_member(in, "steps", [](const json& item) { return item.get<LaunchStep>(); });
  plan.scratch =
      list_member(in, "scratch", [](const json& item) { return item.get<ScratchBuffer>(); });
}

void to_json(json& out, const Lineage& lineage) {
  out = json{{"parent_ids", lineage.parent_ids},
             {"operator", lineage.operator_name},
             {"strategy", lineage.strategy},
             {"generation", lineage.generation},
             {"island", lineage.island}};
}

void from_json(const json& in, Lineage& lineage) {
  lineage.parent_ids = list_member(in, "parent_ids", decode_string);
  lineage.operator_name = string_member(in, "operator");
  lineage.strategy = string_member(in, "strategy");
  lineage.generation = integer_member<int>(in, "generation");
  lineage.island = integer_member<int>(in, "island");
}

void to_json(json& out, const Variant& variant) {
  out = json{{"task", variant.task},
             {"seed_name", variant.seed_name},
             {"language", to_string(variant.language)},
             {"source", variant.source},
             {"knobs", knobs_to_json(variant.knobs)},
             {"launch", variant.launch},
             {"lineage", variant.lineage}};
}

void from_json(const json& in, Variant& variant) {
  variant.task = string_member(in, "task");
  variant.seed_name = string_member(in, "seed_name");
  variant.language = decode_at(
      "language", [&] { return language_from_string(decode_string(member(in, "language"))); });
  variant.source = string_member(in, "source");
  variant.knobs = decode_at("knobs", [&] { return knobs_from_json(member(in, "knobs")); });
  variant.launch = object_member<LaunchPlan>(in, "launch");
  variant.lineage = object_member<Lineage>(in, "lineage");
}

void to_json(json& out, const SizeTiming& timing) {
  out = json{{"size_label", timing.size_label},
             {"median_seconds", double_to_json(timing.median_seconds)},
             {"spread", double_to_json(timing.spread)},
             {"samples", doubles_to_json(timing.samples)},
             {"retimes", timing.retimes}};
}

void from_json(const json& in, SizeTiming& timing) {
  timing.size_label = string_member(in, "size_label");
  timing.median_seconds = double_member(in, "median_seconds");
  timing.spread = double_member(in, "spread");
  timing.samples = list_member(in, "samples", double_from_json);
  timing.retimes = integer_member<int>(in, "retimes");
}

void to_json(json& out, const Evaluation& evaluation) {
  out = json{{"variant_id", evaluation.variant_id},
             {"device_id", evaluation.device_id},
             {"status", to_string(evaluation.status)},
             {"error", evaluation.error},
             {"timings", evaluation.timings},
             {"max_abs_error", double_to_json(evaluation.max_abs_error)},
             {"max_rel_error", double_to_json(evaluation.max_rel_error)},
             {"norm_rel_error", double_to_json(evaluation.norm_rel_error)},
             {"flops_per_second", double_to_json(evaluation.flops_per_second)},
             {"bytes_per_second", double_to_json(evaluation.bytes_per_second)},
             {"roofline_fraction", evaluation.roofline_fraction
                                       ? double_to_json(*evaluation.roofline_fraction)
                                       : json(nullptr)},
             {"bound", evaluation.bound},
             {"compile_seconds", double_to_json(evaluation.compile_seconds)},
             {"compile_cache_hit", evaluation.compile_cache_hit},
             {"resources", evaluation.resources ? json(*evaluation.resources) : json(nullptr)},
             {"counters", evaluation.counters ? json(*evaluation.counters) : json(nullptr)},
             {"cost", evaluation.cost}};
}

void to_json(json& out, const KernelCounters& counters) {
  json values = json::object();
  for (const auto& [name, value] : counters.values) values[name] = double_to_json(value);
  out = json{{"kernel", counters.kernel}, {"values", values}};
}

void from_json(const json& in, KernelCounters& counters) {
  counters.kernel = string_member(in, "kernel");
  const json& values = member(in, "values");
  require_type(values.is_object(), values, "an object of metric values");
  counters.values.clear();
  for (const auto& [name, value] : values.items()) counters.values[name] = double_member(values, name);
}

void to_json(json& out, const CounterProfile& profile) {
  out = json{{"kernels", profile.kernels},
             {"passes", profile.passes},
             {"collection_seconds", double_to_json(profile.collection_seconds)},
             {"bound_by_formula", profile.bound_by_formula}};
}

void from_json(const json& in, CounterProfile& profile) {
  profile.kernels = list_member(in, "kernels", [](const json& item) { return item.get<KernelCounters>(); });
  profile.passes = static_cast<int>(decode_at("passes", [&] { return member(in, "passes").get<std::int64_t>(); }));
  profile.collection_seconds = double_member(in, "collection_seconds");
  profile.bound_by_formula = string_member(in, "bound_by_formula");
}

void to_json(json& out, const EvaluationCost& cost) {
  out = json{{"inputs_seconds", double_to_json(cost.inputs_seconds)},
             {"reference_seconds", double_to_json(cost.reference_seconds)},
             {"check_runs_seconds", double_to_json(cost.check_runs_seconds)},
             {"timing_runs_seconds", double_to_json(cost.timing_runs_seconds)},
             {"verify_seconds", double_to_json(cost.verify_seconds)}};
}

void from_json(const json& in, EvaluationCost& cost) {
  cost.inputs_seconds = double_member(in, "inputs_seconds");
  cost.reference_seconds = double_member(in, "reference_seconds");
  cost.check_runs_seconds = double_member(in, "check_runs_seconds");
  cost.timing_runs_seconds = double_member(in, "timing_runs_seconds");
  cost.verify_seconds = double_member(in, "verify_seconds");
}

void to_json(json& out, const KernelResources& resources) {
  out = json{{"registers_per_thread", resources.registers_per_thread},
             {"shared_bytes_per_block", resources.shared_bytes_per_block},
             {"local_bytes_per_thread", resources.local_bytes_per_thread},
             {"occupancy", double_to_json(resources.occupancy)}};
}

void from_json(const json& in, KernelResources& resources) {
  resources.registers_per_thread = static_cast<int>(decode_at("registers_per_thread", [&] {
    return member(in, "registers_per_thread").get<std::int64_t>();
  }));
  resources.shared_bytes_per_block = static_cast<int>(decode_at("shared_bytes_per_block", [&] {
    return member(in, "shared_bytes_per_block").get<std::int64_t>();
  }));
  resources.local_bytes_per_thread = static_cast<int>(decode_at("local_bytes_per_thread", [&] {
    return member(in, "local_bytes_per_thread").get<std::int64_t>();
  }));
  resources.occupancy = double_member(in, "occupancy");
}

void from_json(const json& in, Evaluation& evaluation) {
  evaluation.variant_id = string_member(in, "variant_id");
  evaluation.device_id = string_member(in, "device_id");
  evaluation.status = decode_at(
      "status", [&] { return eval_status_from_string(decode_string(member(in, "status"))); });
  evaluation.error = string_member(in, "error");
  evaluation.timings =
      list_member(in, "timings", [](const json& item) { return item.get<SizeTiming>(); });
  evaluation.max_abs_error = double_member(in, "max_abs_error");
  evaluation.max_rel_error = double_member(in, "max_rel_error");
  evaluation.norm_rel_error = double_member(in, "norm_rel_error");
  evaluation.flops_per_second = double_member(in, "flops_per_second");
  evaluation.bytes_per_second = double_member(in, "bytes_per_second");
  evaluation.roofline_fraction = decode_at("roofline_fraction", [&]() -> std::optional<double> {
    const json& value = member(in, "roofline_fraction");
    if (value.is_null()) return std::nullopt;
    return double_from_json(value);
  });
  evaluation.bound = string_member(in, "bound");
  evaluation.compile_seconds = double_member(in, "compile_seconds");
  evaluation.compile_cache_hit = bool_member(in, "compile_cache_hit");
  // Evaluations written before GPU back ends existed have no "resources".
  if (in.contains("resources") && !in.at("resources").is_null()) {
    evaluation.resources = decode_at("resources", [&] { return in.at("resources").get<KernelResources>(); });
  }
  // Evaluations written before hardware counters were collected have no "counters".
  if (in.contains("counters") && !in.at("counters").is_null()) {
    evaluation.counters = decode_at("counters", [&] { return in.at("counters").get<CounterProfile>(); });
  }
  // Evaluations written before costs were recorded have no "cost".
  if (in.contains("cost")) {
    evaluation.cost = decode_at("cost", [&] { return in.at("cost").get<EvaluationCost>(); });
  }
}

}  // namespace kevo::population
