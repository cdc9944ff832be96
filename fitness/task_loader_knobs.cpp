// seeds[i].knobs: {name, values | range, seed}.
#include <algorithm>
#include <set>

#include "fitness/knob_domain.hpp"
#include "fitness/task_loader_sections.hpp"

namespace kevo::fitness::loader {

namespace {

// Each domain value may be compiled and timed; a huge domain is a typo.
constexpr std::int64_t kMaxDomainSize = 10000;

std::vector<std::int64_t> read_value_list(const Field& values) {
  std::vector<std::int64_t> domain;
  std::set<std::int64_t> seen;
  for (const Field& item : values.items()) {
    const std::int64_t value = item.integer();
    if (!seen.insert(value).second) {
      item.fail("value " + std::to_string(value) + " is listed twice", "list each value once");
    }
    domain.push_back(value);
  }
  return domain;
}

std::vector<std::int64_t> powers_of_two_between(std::int64_t low, std::int64_t high) {
  std::vector<std::int64_t> domain;
  for (std::int64_t power = 1; power > 0 && power <= high; power <<= 1) {
    if (power >= low) domain.push_back(power);
    if (power > high / 2) break;  // the next doubling would pass high (or overflow)
  }
  return domain;
}

std::vector<std::int64_t> read_range(const Field& range) {
  range.allow_keys({"min", "max", "step", "pow2"});
  const Field max_field = range.required("max");
  const std::int64_t low = range.required("min").integer();
  const std::int64_t high = max_field.integer();
  if (low > high) max_field.fail("max is less than min", "make min <= max");
  const std::optional<Field> step_field = range.optional("step");
  const std::optional<Field> pow2_field = range.optional("pow2");
  const bool pow2 = pow2_field && pow2_field->boolean();
  if (pow2 && step_field) step_field->fail("step and pow2: true exclude each other", "remove one of them");
  if (pow2) return powers_of_two_between(low, high);
  const std::int64_t step = step_field ? step_field->integer() : 1;
  if (step < 1) step_field->fail("step must be at least 1", "use a positive step");
  // Unsigned arithmetic: max - min and min + i * step cannot overflow there,
  // and every value it yields lies in [min, max].
  const std::uint64_t span = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low);
  const std::uint64_t steps = span / static_cast<std::uint64_t>(step);
  if (steps >= static_cast<std::uint64_t>(kMaxDomainSize)) {
    range.fail("range has more than " + std::to_string(kMaxDomainSize) + " values", "narrow it or raise step");
  }
  std::vector<std::int64_t> domain;
  for (std::uint64_t i = 0; i <= steps; ++i) {
    domain.push_back(static_cast<std::int64_t>(static_cast<std::uint64_t>(low) + i * static_cast<std::uint64_t>(step)));
  }
  return domain;
}

std::vector<std::int64_t> read_domain(const Field& knob) {
  const std::optional<Field> values = knob.optional("values");
  const std::optional<Field> range = knob.optional("range");
  if (values && range) knob.fail("both 'values' and 'range' are given", "keep one of them");
  if (!values && !range) {
    knob.required("values");  // reports the missing key
  }
  std::vector<std::int64_t> domain = values ? read_value_list(*values) : read_range(*range);
  if (domain.empty()) (values ? *values : *range).fail("the domain is empty", "give the knob at least one value");
  if (static_cast<std::int64_t>(domain.size()) > kMaxDomainSize) {
    values->fail("more than " + std::to_string(kMaxDomainSize) + " values", "list fewer values");
  }
  return domain;
}

KnobSpec read_knob(const Field& knob) {
  knob.allow_keys({"name", "values", "range", "seed"});
  KnobSpec spec;
  spec.name = knob.required("name").identifier();
  spec.values = read_domain(knob);
  spec.seed_value = spec.values.front();
  if (const std::optional<Field> seed = knob.optional("seed")) {
    spec.seed_value = seed->integer();
    if (!domain_contains(spec.values, spec.seed_value)) {
      seed->fail("seed value " + std::to_string(spec.seed_value) + " is not in the domain " +
                     describe_domain(spec.values),
                 "choose one of the domain's values");
    }
  }
  return spec;
}

// A knob becomes -DNAME=value and a name in launch expressions: it must not
// shadow a size parameter or a tensor.
void check_knob_name_is_free(const Field& name, const std::string& knob, const Task& task) {
  const std::vector<std::string>& params = task.size_params;
  if (std::find(params.begin(), params.end(), knob) != params.end()) {
    name.fail("'" + knob + "' is already a size parameter", "give the knob another name");
  }
  if (task.find_tensor(knob) != nullptr) name.fail("'" + knob + "' is already a tensor", "give the knob another name");
}

}  // namespace

std::vector<KnobSpec> read_knobs(const Field& knobs, const Task& task) {
  std::vector<KnobSpec> specs;
  for (const Field& item : knobs.items()) {
    KnobSpec knob = read_knob(item);
    const Field name = item.required("name");
    check_knob_name_is_free(name, knob.name, task);
    reject_redeclared(specs, "knob", knob.name, name, "declare each knob once");
    specs.push_back(std::move(knob));
  }
  return specs;
}

}  // namespace kevo::fitness::loader
