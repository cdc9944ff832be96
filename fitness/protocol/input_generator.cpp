#include "fitness/protocol/input_generator.hpp"

#include <algorithm>
#include <cmath>
#include <vector>
#include <numbers>
#include <stdexcept>
#include <type_traits>

#include "fitness/protocol/bfloat16.hpp"
#include "fitness/protocol/parallel_chunks.hpp"
#include "fitness/protocol/random.hpp"

namespace kevo::fitness::protocol {

namespace {

double draw_normal(Xoshiro256& rng, double mean, double stddev) {
  // Box-Muller, one value per pair: simple and bit-reproducible with <cmath>.
  const double radius = std::sqrt(-2.0 * std::log(rng.uniform01_open()));
  const double angle = 2.0 * std::numbers::pi * rng.uniform01();
  return mean + stddev * radius * std::cos(angle);
}

double draw_integer(Xoshiro256& rng, double low, double high) {
  const auto lo = static_cast<std::int64_t>(std::ceil(low));
  const auto hi = static_cast<std::int64_t>(std::floor(high));
  if (hi < lo) return static_cast<double>(lo);
  const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
  // The modulo bias is below 2^-40 for any span a tensor init would use.
  const std::uint64_t offset = span == 0 ? rng.next() : rng.next() % span;
  return static_cast<double>(lo + static_cast<std::int64_t>(offset));
}

double draw(const ValueGenerator& generator, Xoshiro256& rng) {
  switch (generator.kind) {
    case ValueGenerator::Kind::uniform:
      return generator.a + (generator.b - generator.a) * rng.uniform01();
    case ValueGenerator::Kind::normal:
      return draw_normal(rng, generator.a, generator.b);
    case ValueGenerator::Kind::integers:
      return draw_integer(rng, generator.a, generator.b);
    case ValueGenerator::Kind::constant:
      return generator.a;
  }
  throw std::logic_error("unknown value generator kind");
}

void fill_bfloat16(const ValueGenerator& generator, Xoshiro256& rng, std::uint16_t* out, std::int64_t count) {
  for (std::int64_t i = 0; i < count; ++i) out[i] = to_bfloat16(static_cast<float>(draw(generator, rng)));
}

template <typename T>
void fill_typed(const ValueGenerator& generator, Xoshiro256& rng, T* out, std::int64_t count) {
  for (std::int64_t i = 0; i < count; ++i) {
    const double value = draw(generator, rng);
    if constexpr (std::is_integral_v<T>) {
      out[i] = static_cast<T>(std::llround(value));
    } else {
      out[i] = static_cast<T>(value);
    }
  }
}

}  // namespace

void generate_chunk(const ValueGenerator& generator, DType dtype, std::uint64_t seed, void* data,
                    std::int64_t count) {
  Xoshiro256 rng(seed);
  switch (dtype) {
    case DType::f32: return fill_typed(generator, rng, static_cast<float*>(data), count);
    case DType::f64: return fill_typed(generator, rng, static_cast<double*>(data), count);
    case DType::i32: return fill_typed(generator, rng, static_cast<std::int32_t*>(data), count);
    case DType::i64: return fill_typed(generator, rng, static_cast<std::int64_t*>(data), count);
    case DType::bf16: return fill_bfloat16(generator, rng, static_cast<std::uint16_t*>(data), count);
  }
  throw std::logic_error("unknown dtype");
}

// Large tensors (a GPU bench size holds hundreds of MiB) are drawn in
// chunks of kChunkElements, each from its own stream, on several threads.
// Chunk 0 uses `seed` itself, so tensors of up to one chunk are drawn exactly
// as by one stream; every chunk's seed depends only on (seed, chunk index),
// so the values never depend on the thread count.
void generate_values(const ValueGenerator& generator, DType dtype, std::uint64_t seed,
                     void* data, std::int64_t count) {
  constexpr std::int64_t kChunkElements = std::int64_t{1} << 20;
  const std::int64_t chunks = (count + kChunkElements - 1) / kChunkElements;
  auto* bytes = static_cast<unsigned char*>(data);
  const std::size_t element = dtype_size(dtype);
  auto draw_chunk = [&](std::int64_t c) {
    const std::uint64_t chunk_seed = c == 0 ? seed : chunk_stream_seed(seed, static_cast<std::uint64_t>(c));
    const std::int64_t first = c * kChunkElements;
    generate_chunk(generator, dtype, chunk_seed, bytes + static_cast<std::size_t>(first) * element,
                   std::min(kChunkElements, count - first));
  };
  for_each_chunk(chunks, draw_chunk);
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
