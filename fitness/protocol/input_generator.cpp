#include "fitness/protocol/input_generator.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "fitness/protocol/bfloat16.hpp"
#include "fitness/protocol/normal_draw.hpp"
#include "fitness/protocol/parallel_chunks.hpp"
#include "fitness/protocol/random.hpp"
#include "fitness/protocol/vector_draws.hpp"

namespace kevo::fitness::protocol {

namespace {

double draw_integer(std::uint64_t bits, double low, double high) {
  const auto lo = static_cast<std::int64_t>(std::ceil(low));
  const auto hi = static_cast<std::int64_t>(std::floor(high));
  if (hi < lo) return static_cast<double>(lo);
  const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
  // The modulo bias is below 2^-40 for any span a tensor init would use.
  const std::uint64_t offset = span == 0 ? bits : bits % span;
  return static_cast<double>(lo + static_cast<std::int64_t>(offset));
}

template <typename T>
void store(T* out, std::int64_t i, double value) {
  if constexpr (std::is_same_v<T, std::uint16_t>) {
    out[i] = to_bfloat16(static_cast<float>(value));
  } else if constexpr (std::is_integral_v<T>) {
    out[i] = static_cast<T>(std::llround(value));
  } else {
    out[i] = static_cast<T>(value);
  }
}

// f32 and f64 (the big tensors) go through the vectorised loops.
template <typename T>
bool fill_vectorised(const ValueGenerator& generator, std::uint64_t stream, T* out, std::int64_t begin,
                     std::int64_t end) {
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
    const double a = generator.a;
    const double b = generator.b;
    if (generator.kind == ValueGenerator::Kind::uniform) {
      draw_uniform(out, begin, end, stream, a, b);
      return true;
    }
    if (generator.kind == ValueGenerator::Kind::normal) {
      const ZigguratTables& tables = ziggurat_tables();
      std::vector<unsigned char> rejected(static_cast<std::size_t>(end - begin));
      draw_normal_fast(out, rejected.data(), begin, end, stream, a, b, tables);
      for (std::int64_t i = begin; i < end; ++i) {
        if (rejected[static_cast<std::size_t>(i - begin)] == 0) continue;
        const auto element = static_cast<std::uint64_t>(i);
        out[i] = static_cast<T>(a + b * standard_normal_slow(stream, element, counter_bits(stream, element * 8)));
      }
      return true;
    }
  }
  return false;
}

// One distribution's loop over [begin, end), the kind decided once.
template <typename T>
void fill_range(const ValueGenerator& generator, std::uint64_t stream, T* out, std::int64_t begin,
                std::int64_t end) {
  if (fill_vectorised(generator, stream, out, begin, end)) return;
  const double a = generator.a;
  const double b = generator.b;
  switch (generator.kind) {
    case ValueGenerator::Kind::uniform:
      for (std::int64_t i = begin; i < end; ++i) {
        store(out, i, a + (b - a) * unit_interval(counter_bits(stream, static_cast<std::uint64_t>(i))));
      }
      return;
    case ValueGenerator::Kind::normal: {
      const ZigguratTables& tables = ziggurat_tables();
      for (std::int64_t i = begin; i < end; ++i) {
        store(out, i, a + b * standard_normal(tables, stream, static_cast<std::uint64_t>(i)));
      }
      return;
    }
    case ValueGenerator::Kind::integers:
      for (std::int64_t i = begin; i < end; ++i) {
        store(out, i, draw_integer(counter_bits(stream, static_cast<std::uint64_t>(i)), a, b));
      }
      return;
    case ValueGenerator::Kind::constant:
      for (std::int64_t i = begin; i < end; ++i) store(out, i, a);
      return;
  }
  throw std::logic_error("unknown value generator kind");
}

template <typename T>
void fill_all(const ValueGenerator& generator, std::uint64_t stream, T* out, std::int64_t count) {
  constexpr std::int64_t kChunk = std::int64_t{1} << 16;
  const std::int64_t chunks = (count + kChunk - 1) / kChunk;
  for_each_chunk(chunks, [&](std::int64_t c) {
    fill_range(generator, stream, out, c * kChunk, std::min(count, (c + 1) * kChunk));
  });
}

}  // namespace

void generate_values(const ValueGenerator& generator, DType dtype, std::uint64_t seed, void* data,
                     std::int64_t count) {
  switch (dtype) {
    case DType::f32: return fill_all(generator, seed, static_cast<float*>(data), count);
    case DType::f64: return fill_all(generator, seed, static_cast<double*>(data), count);
    case DType::i32: return fill_all(generator, seed, static_cast<std::int32_t*>(data), count);
    case DType::i64: return fill_all(generator, seed, static_cast<std::int64_t*>(data), count);
    case DType::bf16: return fill_all(generator, seed, static_cast<std::uint16_t*>(data), count);
  }
  throw std::logic_error("unknown dtype");
}

std::uint64_t InputGenerator::size_seed(std::string_view variant_id, std::size_t size_index) const {
  return size_input_seed(protocol_seed_, variant_id, size_index);
}

void InputGenerator::fill(const TensorSpec& tensor, std::size_t tensor_index,
                          std::uint64_t size_seed, void* data, std::int64_t count) const {
  generate_values(tensor.init, tensor.dtype, tensor_stream_seed(size_seed, tensor_index), data,
                  count);
}

}  // namespace kevo::fitness::protocol
