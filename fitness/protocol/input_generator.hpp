#pragma once
// Fills input tensors with seeded draws from their ValueGenerator
// (docs/task-format.md, "Value generators"). Element i of a tensor is a pure
// function of (its stream seed, i) (fitness/protocol/random.hpp), so tensors
// are drawn on all host threads at once, and the GPU back ends draw the
// same distributions on the device (fitness/gpu/protocol_kernels).
#include <cstdint>
#include <string_view>

#include "fitness/task.hpp"

namespace kevo::fitness::protocol {

// Writes `count` values of `dtype` to `data`, drawn from `generator` with the
// stream `seed`. The same (generator, dtype, seed, count) always gives the
// same bytes, and a shorter count gives a prefix of a longer one.
void generate_values(const ValueGenerator& generator, DType dtype, std::uint64_t seed,
                     void* data, std::int64_t count);

class InputGenerator {
 public:
  explicit InputGenerator(std::uint64_t protocol_seed) : protocol_seed_(protocol_seed) {}

  // The seed of every input of `variant_id` at size number `size_index`.
  std::uint64_t size_seed(std::string_view variant_id, std::size_t size_index) const;

  // Fills tensor number `tensor_index` of the task (its position in
  // Task::tensors) for the inputs drawn with `size_seed`.
  void fill(const TensorSpec& tensor, std::size_t tensor_index, std::uint64_t size_seed,
            void* data, std::int64_t count) const;

 private:
  std::uint64_t protocol_seed_;
};

}  // namespace kevo::fitness::protocol
