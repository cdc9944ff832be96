// The Task model's small helpers: dtypes, size labels, lookups, seed variants.
#include "fitness/task.hpp"

namespace kevo::fitness {

std::size_t dtype_size(DType dtype) {
  switch (dtype) {
    case DType::f32: return 4;
    case DType::f64: return 8;
    case DType::i32: return 4;
    case DType::i64: return 8;
    case DType::bf16: return 2;
  }
  return 0;
}

std::string to_string(DType dtype) {
  switch (dtype) {
    case DType::f32: return "f32";
    case DType::f64: return "f64";
    case DType::i32: return "i32";
    case DType::i64: return "i64";
    case DType::bf16: return "bf16";
  }
  return "unknown";
}

std::optional<DType> dtype_from_string(std::string_view text) {
  for (DType dtype : {DType::f32, DType::f64, DType::i32, DType::i64, DType::bf16}) {
    if (to_string(dtype) == text) return dtype;
  }
  return std::nullopt;
}

std::string c_type(DType dtype) {
  switch (dtype) {
    case DType::f32: return "float";
    case DType::f64: return "double";
    case DType::i32: return "int32_t";
    case DType::i64: return "int64_t";
    case DType::bf16: return "uint16_t";
  }
  return "void";
}

std::string SizePoint::label() const {
  std::string text;
  for (const auto& [name, value] : values) text += (text.empty() ? "" : ",") + name + "=" + std::to_string(value);
  return text;
}

const TensorSpec* Task::find_tensor(const std::string& tensor_name) const {
  for (const TensorSpec& tensor : tensors) {
    if (tensor.name == tensor_name) return &tensor;
  }
  return nullptr;
}

const SeedSpec* Task::find_seed(const std::string& seed_name) const {
  for (const SeedSpec& seed : seeds) {
    if (seed.name == seed_name) return &seed;
  }
  return nullptr;
}

population::Variant Task::seed_variant(const SeedSpec& seed) const {
  population::Variant variant;
  variant.task = name;
  variant.seed_name = seed.name;
  variant.language = seed.language;
  variant.source = seed.source;
  for (const KnobSpec& knob : seed.knobs) variant.knobs[knob.name] = knob.seed_value;
  variant.launch = seed.launch;
  variant.lineage.operator_name = seed.drafted ? population::kDraftOperator : "seed";
  variant.lineage.generation = 0;
  return variant;
}

std::int64_t Task::element_count(const TensorSpec& tensor, const SizePoint& size) const {
  std::int64_t count = 1;
  for (const expr::Expression& extent_expression : tensor.shape) {
    std::int64_t extent = 0;
    try {
      extent = extent_expression.evaluate(size.values);
    } catch (const expr::ExprError& error) {
      throw TaskError("task '" + name + "': tensor '" + tensor.name + "' at " + size.label() + ": " + error.what());
    }
    if (extent < 0 || __builtin_mul_overflow(count, extent, &count)) {
      throw TaskError("task '" + name + "': tensor '" + tensor.name + "' at " + size.label() +
                      ": extent '" + extent_expression.text() + "' is negative or the element count overflows");
    }
  }
  return count;
}

}  // namespace kevo::fitness
