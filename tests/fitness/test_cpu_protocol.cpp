// Unit tests of the protocol pieces the CPU back end is built from: seeded
// inputs, poison, checksums, output comparison, timing statistics, the source
// policy, buffer guards and the reference cache.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "catch_compat.hpp"
#include "fitness/protocol/buffer_layout.hpp"
#include "fitness/protocol/checksum.hpp"
#include "fitness/protocol/input_generator.hpp"
#include "fitness/protocol/output_comparator.hpp"
#include "fitness/protocol/poison.hpp"
#include "fitness/protocol/reference_cache.hpp"
#include "fitness/protocol/source_policy.hpp"
#include "fitness/protocol/timing_stats.hpp"

using namespace kevo::fitness;
using namespace kevo::fitness::protocol;

namespace {
std::vector<float> draw_f32(const ValueGenerator& generator, std::uint64_t seed, std::int64_t n) {
  std::vector<float> values(static_cast<std::size_t>(n));
  generate_values(generator, DType::f32, seed, values.data(), n);
  return values;
}
}  // namespace

TEST_CASE("cpu protocol: inputs are deterministic per (seed, variant, size) and differ otherwise",
          "[cpu][protocol]") {
  const InputGenerator generator(7);
  const auto seed = generator.size_seed("abc", 0);
  CHECK(seed == InputGenerator(7).size_seed("abc", 0));
  CHECK(seed != generator.size_seed("abc", 1));
  CHECK(seed != generator.size_seed("abd", 0));
  CHECK(seed != InputGenerator(8).size_seed("abc", 0));

  TensorSpec tensor;
  tensor.dtype = DType::f32;
  std::vector<float> a(100), b(100), c(100);
  generator.fill(tensor, 0, seed, a.data(), 100);
  generator.fill(tensor, 0, seed, b.data(), 100);
  generator.fill(tensor, 1, seed, c.data(), 100);
  CHECK(std::memcmp(a.data(), b.data(), 400) == 0);
  CHECK(std::memcmp(a.data(), c.data(), 400) != 0);  // each tensor has its own stream
}

TEST_CASE("cpu protocol: value generators respect their parameters", "[cpu][protocol]") {
  const auto uniform = draw_f32({ValueGenerator::Kind::uniform, 2, 3}, 1, 10000);
  for (float v : uniform) CHECK((v >= 2 && v <= 3));

  const auto normal = draw_f32({ValueGenerator::Kind::normal, 5, 0.5}, 2, 20000);
  double mean = 0;
  for (float v : normal) mean += v;
  mean /= static_cast<double>(normal.size());
  CHECK(std::fabs(mean - 5) < 0.02);

  std::vector<std::int32_t> integers(5000);
  generate_values({ValueGenerator::Kind::integers, -3, 3}, DType::i32, 3, integers.data(), 5000);
  std::vector<int> seen(7, 0);
  for (auto v : integers) {
    REQUIRE((v >= -3 && v <= 3));
    ++seen[static_cast<std::size_t>(v + 3)];
  }
  for (int count : seen) CHECK(count > 0);  // inclusive at both ends

  const auto constant = draw_f32({ValueGenerator::Kind::constant, 1.5, 0}, 4, 10);
  for (float v : constant) CHECK(v == 1.5f);
}

TEST_CASE("cpu protocol: poison is recognised bit for bit, and is not any NaN", "[cpu][protocol]") {
  std::vector<float> f(4);
  poison(DType::f32, f.data(), 4);
  CHECK(std::isnan(f[2]));
  CHECK(is_poison(DType::f32, f.data(), 2));
  f[2] = std::numeric_limits<float>::quiet_NaN();
  CHECK_FALSE(is_poison(DType::f32, f.data(), 2));

  std::vector<double> d(2);
  poison(DType::f64, d.data(), 2);
  CHECK(is_poison(DType::f64, d.data(), 1));
  std::vector<std::int64_t> i(2);
  poison(DType::i64, i.data(), 2);
  CHECK(is_poison(DType::i64, i.data(), 0));
  i[0] = 0;
  CHECK_FALSE(is_poison(DType::i64, i.data(), 0));
}

TEST_CASE("cpu protocol: checksum changes with any byte", "[cpu][protocol]") {
  std::vector<unsigned char> bytes(1003, 7);
  const auto before = checksum(bytes.data(), bytes.size());
  CHECK(before == checksum(bytes.data(), bytes.size()));
  for (std::size_t at : {std::size_t{0}, std::size_t{500}, std::size_t{1002}}) {
    bytes[at] ^= 1;
    CHECK(checksum(bytes.data(), bytes.size()) != before);
    bytes[at] ^= 1;
  }
  CHECK(checksum(bytes.data(), 1002) != before);
}

TEST_CASE("cpu protocol: comparison names the first failing element and why", "[cpu][protocol]") {
  const Tolerance tolerance{1e-6, 1e-6, 1e-6};
  std::vector<float> ref = {1, 2, 3, 4};
  std::vector<float> out = ref;
  auto same = compare_output("C", DType::f32, out.data(), ref.data(), 4, tolerance);
  CHECK(same.pass);
  CHECK(same.failure.empty());

  out[2] = 3.5f;
  auto wrong = compare_output("C", DType::f32, out.data(), ref.data(), 4, tolerance);
  CHECK_FALSE(wrong.pass);
  CHECK(wrong.failure == "output C[2] = 3.5, expected 3 (abs err 0.5, rel err 0.166666667)");
  CHECK(wrong.max_abs_error == 0.5);

  poison(DType::f32, &out[1], 1);
  out[3] = std::numeric_limits<float>::infinity();
  auto many = compare_output("C", DType::f32, out.data(), ref.data(), 4, tolerance);
  CHECK(many.failure == "output C[1] not written (still poison); 3 of 4 elements fail");

  out = ref;
  out[0] = std::numeric_limits<float>::quiet_NaN();
  CHECK(compare_output("C", DType::f32, out.data(), ref.data(), 4, tolerance).failure ==
        "output C[0] = nan");
  // NaN never passes, not even against a NaN.
  CHECK_FALSE(compare_output("C", DType::f32, out.data(), out.data(), 4, tolerance).pass);
}

TEST_CASE("cpu protocol: the norm check catches errors spread thinly over all elements",
          "[cpu][protocol]") {
  // Every element within abs + rel*|ref| = 2e-3, but all of them off in the same direction.
  const Tolerance tolerance{1e-3, 1e-3, 1e-4};
  std::vector<double> ref(10000, 1.0);
  std::vector<double> out(10000, 1.0015);
  const auto result = compare_output("y", DType::f64, out.data(), ref.data(), 10000, tolerance);
  CHECK_FALSE(result.pass);
  CHECK_THAT(result.failure, KEVO_CONTAINS("output y: norm-relative error"));
  CHECK(result.failing_elements == 0);
}

TEST_CASE("cpu protocol: timing statistics", "[cpu][protocol]") {
  const TimingStats stats = summarize_timings({5, 1, 4, 2, 3});
  CHECK(stats.median == 3);
  CHECK(stats.min == 1);
  CHECK(stats.p10 == Approx(1.4));
  CHECK(stats.p90 == Approx(4.6));
  CHECK(stats.spread == Approx(3.2 / 3));
  CHECK(summarize_timings({}).median == 0);
  CHECK(summarize_timings({2}).spread == 0);
}

TEST_CASE("cpu protocol: source policy names token and line, and sees through tricks",
          "[cpu][protocol]") {
  auto violation = [](const char* source) {
    const auto found = check_source_policy(source);
    return found ? found->describe() : std::string("(none)");
  };
  CHECK(violation("#include <cstdint>\n#include <thread>\n") ==
        "line 2: forbidden #include <thread> (host threads outlive the timed region)");
  CHECK(violation("#  include <sys/mman.h>") ==
        "line 1: forbidden #include <sys/mman.h> (controls the host process)");
  CHECK(violation("void f() {\n  std::thread t;\n}") ==
        "line 2: forbidden std::thread (host threads outlive the timed region)");
  CHECK_THAT(violation("void f(){ asm(\"nop\"); }"), KEVO_CONTAINS("forbidden asm"));
  CHECK_THAT(violation("int g(){ return fo\\\nrk(); }"), KEVO_CONTAINS("line 1: forbidden fork"));
  CHECK_THAT(violation("#define CAT(a,b) a##b\n"), KEVO_CONTAINS("forbidden ##"));
  CHECK_THAT(violation("%:include <chrono>\n"), KEVO_CONTAINS("forbidden #include <chrono>"));
  CHECK_THAT(violation("__attribute__((constructor)) void init() {}"),
             KEVO_CONTAINS("runs host code when the kernel is loaded"));
  CHECK_THAT(violation("void f(){ std::exit(0); }"), KEVO_CONTAINS("forbidden exit"));
  CHECK_THAT(violation("static long call(long, ...) __attribute__((weakref(\"syscall\")));"),
             KEVO_CONTAINS("binds a library function under another name"));
  // Comments, strings, raw strings, digit separators and other names are fine.
  CHECK(violation("// fork() std::thread <thread>\n/* exit */\n"
                  "const char* s = \"fork\"; const char* r = R\"x(asm)x\";\n"
                  "int thread = 1'000; int forked = 2; char c = '\\'';\n"
                  "#include <vector>\n#include <immintrin.h>\n") == "(none)");
  CHECK(forbidden_rules().size() > 40);
}

TEST_CASE("cpu protocol: buffer guards catch writes outside any buffer", "[cpu][protocol]") {
  const BufferLayout layout = layout_buffers({12, 0, 100});
  REQUIRE(layout.slots.size() == 3);
  for (const BufferSlot& slot : layout.slots) CHECK(slot.offset % kBufferAlignment == 0);
  CHECK(layout.slots[0].offset >= kMinGuardBytes);
  CHECK(layout.slots[2].offset >= layout.slots[1].offset + kMinGuardBytes);
  std::vector<unsigned char> memory(layout.total_bytes, 0);
  fill_guards(memory.data(), layout);
  CHECK_FALSE(find_guard_damage(memory.data(), layout));
  memory[layout.slots[0].offset] = 1;  // inside a buffer: fine
  CHECK_FALSE(find_guard_damage(memory.data(), layout));
  memory[layout.slots[0].offset + 12 + 3] = 1;  // 3 bytes past the end of buffer 0
  const auto damage = find_guard_damage(memory.data(), layout);
  REQUIRE(damage);
  CHECK(damage->after_buffer == std::optional<std::size_t>(0));
  CHECK(damage->byte_offset == 3);
  fill_guards(memory.data(), layout);
  memory[layout.slots[0].offset - 1] = 1;
  CHECK_FALSE(find_guard_damage(memory.data(), layout)->after_buffer.has_value());
}

TEST_CASE("cpu protocol: reference cache is bounded and least-recently-used", "[cpu][protocol]") {
  ReferenceCache cache(100);
  auto outputs = [](std::size_t bytes) { return ReferenceOutputs{std::vector<unsigned char>(bytes)}; };
  cache.insert("N=1", 1, outputs(40));
  cache.insert("N=2", 1, outputs(40));
  CHECK(cache.find("N=1", 1) != nullptr);  // N=1 is now the most recent
  cache.insert("N=3", 1, outputs(40));     // evicts N=2
  CHECK(cache.find("N=2", 1) == nullptr);
  CHECK(cache.find("N=1", 1) != nullptr);
  CHECK(cache.find("N=1", 2) == nullptr);  // another seed is another entry
  CHECK(cache.bytes() <= 100);
  auto huge = cache.insert("N=4", 1, outputs(1000));  // too big: returned, not kept
  CHECK(huge->front().size() == 1000);
  CHECK(cache.find("N=4", 1) == nullptr);
}
