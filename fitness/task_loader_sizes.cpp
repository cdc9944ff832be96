// sizes: params, bench, check; and the formulas evaluated over them.
#include <algorithm>

#include "fitness/task_loader_sections.hpp"

namespace kevo::fitness::loader {

namespace {

std::vector<std::string> read_params(const Field& params) {
  std::vector<std::string> names;
  for (const Field& item : params.items()) {
    const std::string name = item.identifier();
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      item.fail("size parameter '" + name + "' is declared twice", "declare each size parameter once");
    }
    names.push_back(name);
  }
  return names;
}

SizePoint read_size_point(const Field& point, const std::vector<std::string>& params) {
  SizePoint size;
  for (const auto& [name, value] : point.entries()) {
    if (std::find(params.begin(), params.end(), name) == params.end()) {
      value.fail("'" + printable(name) + "' is not a size parameter",
                 "give values for exactly the size parameters: " + join_names(params));
    }
    const std::int64_t number = value.integer();
    if (number < 1) {
      value.fail("size " + name + " = " + std::to_string(number) + " is less than 1", "use a size of at least 1");
    }
    size.values[name] = number;
  }
  for (const std::string& param : params) {
    if (size.values.count(param) == 0) {
      point.fail("no value for size parameter '" + param + "'", "add '" + param + ": <value>'");
    }
  }
  return size;
}

}  // namespace

void read_sizes(const Field& sizes, Task& task) {
  sizes.allow_keys({"params", "bench", "check"});
  task.size_params = read_params(sizes.required("params"));
  task.bench = read_size_point(sizes.required("bench"), task.size_params);
  if (const std::optional<Field> checks = sizes.optional("check")) {
    for (const Field& check : checks->items()) {
      SizePoint size = read_size_point(check, task.size_params);
      for (const SizePoint& earlier : task.checks) {
        if (earlier.values == size.values) check.fail("size " + size.label() + " is listed twice", "list each size once");
      }
      task.checks.push_back(std::move(size));
    }
  }
}

std::vector<SizePoint> all_sizes(const Task& task) {
  std::vector<SizePoint> sizes{task.bench};
  sizes.insert(sizes.end(), task.checks.begin(), task.checks.end());
  return sizes;
}

NameScope size_scope(const Task& task) {
  return NameScope{std::set<std::string>(task.size_params.begin(), task.size_params.end()),
                   "size parameters (" + join_names(task.size_params) + ")"};
}

expr::Expression read_size_formula(const Field& formula, const Task& task) {
  const expr::Expression expression = formula.expression(size_scope(task));
  for (const SizePoint& size : all_sizes(task)) {
    std::int64_t value = 0;
    try {
      value = expression.evaluate(size.values);
    } catch (const expr::ExprError& error) {
      formula.fail("at size " + size.label() + ": " + error.what(),
                   "make the formula valid at every bench and check size");
    }
    if (value < 0) {
      formula.fail("is " + std::to_string(value) + " at size " + size.label(), "make the formula non-negative");
    }
  }
  return expression;
}

}  // namespace kevo::fitness::loader
