// tensors: name, role, dtype, shape, init; and interface, which lists them.
#include <algorithm>
#include <cmath>
#include <limits>

#include "fitness/task_loader_sections.hpp"

namespace kevo::fitness::loader {

namespace {

bool is_integer_dtype(DType dtype) { return dtype == DType::i32 || dtype == DType::i64; }

DType read_dtype(const Field& field) {
  const std::string text = field.text();
  if (const std::optional<DType> dtype = dtype_from_string(text)) return *dtype;
  field.fail("unknown dtype '" + printable(text) + "'", "use f32, f64, i32, i64 or bf16");
}

TensorRole read_role(const Field& field) {
  const std::string text = field.text();
  if (text == "input") return TensorRole::input;
  if (text == "output") return TensorRole::output;
  field.fail("unknown role '" + printable(text) + "'", "use input or output");
}

double read_optional_number(const Field& init, std::string_view key, double fallback) {
  const std::optional<Field> field = init.optional(key);
  return field ? field->number() : fallback;
}

// Integer draws and constants must be exactly storable in the tensor's dtype.
double read_storable(const Field& field, DType dtype) {
  const double value = field.number();
  if ((dtype == DType::f32 || dtype == DType::bf16) && std::fabs(value) > std::numeric_limits<float>::max()) {
    field.fail(std::to_string(value) + " does not fit in f32", "use a smaller magnitude");
  }
  if (!is_integer_dtype(dtype)) return value;
  const double limit = dtype == DType::i32 ? 2147483648.0 : 9007199254740992.0;  // 2^31, 2^53
  if (value != std::floor(value) || value < -limit || value >= limit) {
    field.fail(std::to_string(value) + " is not an integer storable in " + to_string(dtype),
               "use a whole number within the dtype's range");
  }
  return value;
}

ValueGenerator read_uniform(const Field& init) {
  init.allow_keys({"dist", "low", "high"});
  const ValueGenerator generator{ValueGenerator::Kind::uniform, read_optional_number(init, "low", -1.0),
                                 read_optional_number(init, "high", 1.0)};
  if (generator.a > generator.b) init.fail("low is greater than high", "make low <= high");
  return generator;
}

ValueGenerator read_normal(const Field& init) {
  init.allow_keys({"dist", "mean", "stddev"});
  const ValueGenerator generator{ValueGenerator::Kind::normal, read_optional_number(init, "mean", 0.0),
                                 read_optional_number(init, "stddev", 1.0)};
  if (generator.b < 0) init.required("stddev").fail("stddev is negative", "use a stddev >= 0");
  return generator;
}

ValueGenerator read_integers(const Field& init, DType dtype) {
  init.allow_keys({"dist", "low", "high"});
  const ValueGenerator generator{ValueGenerator::Kind::integers, read_storable(init.required("low"), DType::i64),
                                 read_storable(init.required("high"), DType::i64)};
  if (generator.a > generator.b) init.fail("low is greater than high", "make low <= high (both inclusive)");
  if (is_integer_dtype(dtype)) {
    read_storable(init.required("low"), dtype);
    read_storable(init.required("high"), dtype);
  }
  return generator;
}

ValueGenerator read_constant(const Field& init, DType dtype) {
  init.allow_keys({"dist", "value"});
  return ValueGenerator{ValueGenerator::Kind::constant, read_storable(init.required("value"), dtype), 0.0};
}

ValueGenerator read_init(const Field& init, DType dtype) {
  const Field dist = init.required("dist");
  const std::string kind = dist.text();
  if (kind == "integers") return read_integers(init, dtype);
  if (kind == "constant") return read_constant(init, dtype);
  if (kind != "uniform" && kind != "normal") {
    dist.fail("unknown distribution '" + printable(kind) + "'", "use uniform, normal, integers or constant");
  }
  if (is_integer_dtype(dtype)) {
    dist.fail("'" + kind + "' draws reals, but the tensor is " + to_string(dtype), "use integers or constant");
  }
  return kind == "uniform" ? read_uniform(init) : read_normal(init);
}

ValueGenerator default_init(DType dtype) {
  if (is_integer_dtype(dtype)) return ValueGenerator{ValueGenerator::Kind::integers, -1.0, 1.0};
  return ValueGenerator{};
}

// Every dimension evaluates to >= 0 at every size, and the byte size fits int64.
void check_shape_at_sizes(const Field& shape_field, const TensorSpec& tensor, const Task& task) {
  const std::vector<Field> dims = shape_field.items();
  for (const SizePoint& size : all_sizes(task)) {
    std::int64_t bytes = static_cast<std::int64_t>(dtype_size(tensor.dtype));
    for (std::size_t i = 0; i < tensor.shape.size(); ++i) {
      std::int64_t extent = 0;
      try {
        extent = tensor.shape[i].evaluate(size.values);
      } catch (const expr::ExprError& error) {
        dims[i].fail("at size " + size.label() + ": " + error.what(), "make the extent valid at every size");
      }
      if (extent < 0) {
        dims[i].fail("extent is " + std::to_string(extent) + " at size " + size.label(), "make it non-negative");
      }
      if (__builtin_mul_overflow(bytes, extent, &bytes)) {
        shape_field.fail("tensor '" + tensor.name + "' exceeds 2^63 bytes at size " + size.label(),
                         "use smaller sizes");
      }
    }
  }
}

TensorSpec read_tensor(const Field& field, const Task& task) {
  field.allow_keys({"name", "role", "dtype", "shape", "init", "parameter"});
  TensorSpec tensor;
  const Field name = field.required("name");
  tensor.name = name.identifier();
  const std::vector<std::string>& params = task.size_params;
  if (std::find(params.begin(), params.end(), tensor.name) != params.end()) {
    name.fail("'" + tensor.name + "' is already a size parameter", "give the tensor another name");
  }
  tensor.role = read_role(field.required("role"));
  tensor.dtype = read_dtype(field.required("dtype"));
  const Field shape = field.required("shape");
  for (const Field& dim : shape.items()) tensor.shape.push_back(dim.expression(size_scope(task)));
  check_shape_at_sizes(shape, tensor, task);
  if (const std::optional<Field> init = field.optional("init")) {
    if (tensor.role == TensorRole::output) {
      init->fail("an output tensor has no init", "remove init (outputs are written by the kernel)");
    }
    tensor.init = read_init(*init, tensor.dtype);
  } else {
    tensor.init = default_init(tensor.dtype);
  }
  if (const std::optional<Field> parameter = field.optional("parameter")) {
    if (tensor.role != TensorRole::input) {
      parameter->fail("only an input can fill a model parameter", "remove parameter, or make the tensor an input");
    }
    tensor.parameter = parameter->text();
  }
  return tensor;
}

}  // namespace

std::vector<TensorSpec> read_tensors(const Field& tensors, const Task& task) {
  std::vector<TensorSpec> specs;
  for (const Field& item : tensors.items()) {
    TensorSpec tensor = read_tensor(item, task);
    reject_redeclared(specs, "tensor", tensor.name, item.required("name"), "give each tensor its own name");
    specs.push_back(std::move(tensor));
  }
  const bool has_output = std::any_of(specs.begin(), specs.end(),
                                      [](const TensorSpec& t) { return t.role == TensorRole::output; });
  if (!has_output) tensors.fail("no output tensor", "declare at least one tensor with role: output");
  return specs;
}

std::vector<std::string> read_interface(const Field& interface, const Task& task) {
  std::vector<std::string> names;
  const std::vector<std::string>& params = task.size_params;
  for (const Field& item : interface.items()) {
    const std::string name = item.identifier();
    const bool is_param = std::find(params.begin(), params.end(), name) != params.end();
    if (task.find_tensor(name) == nullptr && !is_param) {
      item.fail("'" + name + "' is neither a tensor nor a size parameter",
                "list tensors and size parameters (" + join_names(params) + ")");
    }
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      item.fail("'" + name + "' is listed twice", "list each name once");
    }
    names.push_back(name);
  }
  for (const TensorSpec& tensor : task.tensors) {
    if (tensor.role == TensorRole::output && std::find(names.begin(), names.end(), tensor.name) == names.end()) {
      interface.fail("output tensor '" + tensor.name + "' is missing", "add it: the reference must write it");
    }
  }
  return names;
}

}  // namespace kevo::fitness::loader
