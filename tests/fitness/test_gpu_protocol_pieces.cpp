// Protocol pieces the GPU back end leans on, which need no GPU: bf16 on the
// host, device names in campaigns, and the chunked, threaded input drawing
// and checksums that keep hundreds of MiB per bench size affordable.
#include <cmath>
#include <cstring>
#include <vector>

#include "catch_compat.hpp"
#include "fitness/device_spec.hpp"
#include "fitness/protocol/bfloat16.hpp"
#include "fitness/protocol/checksum.hpp"
#include "fitness/protocol/input_generator.hpp"
#include "fitness/protocol/poison.hpp"

using namespace kevo::fitness;

TEST_CASE("bf16: round to nearest even and NaN stays NaN", "[protocol]") {
  CHECK(protocol::to_bfloat16(1.0f) == 0x3F80);
  CHECK(protocol::from_bfloat16(0x3F80) == 1.0f);
  CHECK(protocol::from_bfloat16(protocol::to_bfloat16(-2.5f)) == -2.5f);
  // 1 + 2^-8 lies halfway between two bf16 values: ties go to the even one (1.0).
  CHECK(protocol::to_bfloat16(1.0f + 1.0f / 256) == 0x3F80);
  // 1 + 3 * 2^-8 lies halfway too: the even neighbour is above.
  CHECK(protocol::to_bfloat16(1.0f + 3.0f / 256) == 0x3F82);
  CHECK(std::isnan(protocol::from_bfloat16(protocol::to_bfloat16(std::nanf("")))));
  std::uint16_t poisoned[3];
  protocol::poison(DType::bf16, poisoned, 3);
  CHECK(std::isnan(protocol::from_bfloat16(poisoned[1])));
  CHECK(protocol::is_poison(DType::bf16, poisoned, 2));
}

TEST_CASE("device spec: campaigns name cpu, cuda or hip devices", "[protocol]") {
  CHECK(parse_device_spec("cpu")->backend == DeviceSpec::Backend::cpu);
  CHECK(parse_device_spec("cuda")->backend == DeviceSpec::Backend::cuda);
  CHECK(parse_device_spec("cuda")->ordinal == 0);
  CHECK(parse_device_spec("cuda:3")->ordinal == 3);
  CHECK(parse_device_spec("hip:1")->backend == DeviceSpec::Backend::hip);
  CHECK(parse_device_spec("hip:1")->ordinal == 1);
  for (const char* bad : {"gpu", "cuda:", "cuda:x", "cuda:-1", "CUDA", "cuda:12345", "hip:", "rocm:0"}) {
    INFO(bad);
    CHECK_FALSE(parse_device_spec(bad).has_value());
  }
}

TEST_CASE("inputs: element i is a function of (seed, i) alone, whatever the tensor's length", "[protocol]") {
  const ValueGenerator uniform{ValueGenerator::Kind::uniform, -1, 1};
  const ValueGenerator normal{ValueGenerator::Kind::normal, 0, 1};
  const std::int64_t one_chunk = std::int64_t{1} << 16;
  for (const ValueGenerator& generator : {uniform, normal}) {
    std::vector<float> small(5), large(3 * one_chunk + 5), again(3 * one_chunk + 5);
    protocol::generate_values(generator, DType::f32, 42, small.data(), 5);
    protocol::generate_values(generator, DType::f32, 42, large.data(), static_cast<std::int64_t>(large.size()));
    protocol::generate_values(generator, DType::f32, 42, again.data(), static_cast<std::int64_t>(again.size()));
    CHECK(std::memcmp(small.data(), large.data(), small.size() * sizeof(float)) == 0);
    CHECK(large == again);
    CHECK(std::memcmp(large.data(), large.data() + one_chunk, 64 * sizeof(float)) != 0);
  }
}

TEST_CASE("inputs: the ziggurat's normal draws have the normal's moments and tails", "[protocol]") {
  constexpr std::int64_t n = 2'000'000;
  std::vector<double> values(n);
  protocol::generate_values({ValueGenerator::Kind::normal, 0, 1}, DType::f64, 9, values.data(), n);
  double mean = 0, second = 0, fourth = 0;
  std::int64_t beyond_two = 0, beyond_tail = 0;
  for (double v : values) {
    mean += v;
    second += v * v;
    fourth += v * v * v * v;
    beyond_two += std::fabs(v) > 2 ? 1 : 0;
    beyond_tail += std::fabs(v) > 3.6541528853610088 ? 1 : 0;  // drawn by the tail algorithm
  }
  mean /= n;
  second /= n;
  fourth /= n;
  CHECK(std::fabs(mean) < 0.003);
  CHECK(std::fabs(second - 1) < 0.005);
  CHECK(std::fabs(fourth - 3) < 0.05);
  // P(|X| > 2) = 0.0455, P(|X| > R) = 2.58e-4 for a standard normal.
  CHECK(std::fabs(static_cast<double>(beyond_two) / n - 0.0455) < 0.001);
  CHECK(std::fabs(static_cast<double>(beyond_tail) / n - 2.58e-4) < 5e-5);
}

TEST_CASE("checksum: one changed byte anywhere in a large buffer changes it", "[protocol]") {
  std::vector<unsigned char> data(5 * (std::size_t{1} << 20) + 3, 7);
  const std::uint64_t before = protocol::checksum(data.data(), data.size());
  CHECK(protocol::checksum(data.data(), data.size()) == before);
  for (const std::size_t at : {std::size_t{0}, data.size() / 2, (std::size_t{1} << 20) - 1, data.size() - 1}) {
    INFO(at);
    data[at] ^= 1;
    CHECK(protocol::checksum(data.data(), data.size()) != before);
    data[at] ^= 1;
  }
  // Same bytes in another order (two chunks swapped) is another checksum.
  std::vector<unsigned char> swapped(2 * (std::size_t{1} << 20));
  for (std::size_t i = 0; i < swapped.size(); ++i) swapped[i] = static_cast<unsigned char>(i < swapped.size() / 2);
  std::vector<unsigned char> other(swapped.rbegin(), swapped.rend());
  CHECK(protocol::checksum(swapped.data(), swapped.size()) != protocol::checksum(other.data(), other.size()));
}
