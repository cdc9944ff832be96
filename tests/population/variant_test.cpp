#include <stdexcept>

#include "catch_compat.hpp"
#include "population/variant.hpp"
#include "sample_population.hpp"

using kevo::population::Language;
using kevo::population::Variant;
using kevo::population::language_from_string;

namespace {

bool hash_changes(void (*mutate)(Variant&)) {
  const Variant base = kevo::test::sample_variant();
  Variant changed = base;
  mutate(changed);
  return changed.content_hash() != base.content_hash();
}

}  // namespace

TEST_CASE("language names round-trip", "[population][variant]") {
  for (const Language language : {Language::cpp, Language::cuda, Language::hip}) {
    CHECK(language_from_string(to_string(language)) == language);
  }
  CHECK(to_string(Language::cuda) == "cuda");
  CHECK_THROWS_AS(language_from_string("c++"), std::invalid_argument);
}

TEST_CASE("content hash is 64 lower-case hex digits and stable", "[population][variant]") {
  const std::string hash = kevo::test::sample_variant().content_hash();
  CHECK(hash.size() == 64);
  CHECK(hash.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(kevo::test::sample_variant().content_hash() == hash);
}

// Archives are keyed by this hash: if this test fails, the hash definition
// changed and every existing archive stops deduplicating against new variants.
// The value was cross-checked with Python's hashlib on the documented encoding:
// 8-byte big-endian length + bytes for "kevo.variant/1", task, seed_name,
// language, source, knob count, each knob name and value, canonical plan.
TEST_CASE("content hash of a fixed variant is pinned", "[population][variant]") {
  Variant variant;
  variant.task = "vector_add";
  variant.seed_name = "naive";
  variant.language = Language::cpp;
  variant.source = "void add(const float* a, const float* b, float* c, long n) {}\n";
  variant.knobs = {{"UNROLL", 4}, {"BLOCK", 256}};
  variant.launch.steps.push_back({"add", {"1", "1", "1"}, {"1", "1", "1"}, "0", {"A", "B", "C", "N"}});
  CHECK(variant.content_hash() == "47a0a33388f109e94dfc56299d0d73cfa92f01da7779d4366523788c06c3dfe3");
}

TEST_CASE("content hash changes with every genome field", "[population][variant]") {
  CHECK(hash_changes([](Variant& v) { v.task = "matmul2"; }));
  CHECK(hash_changes([](Variant& v) { v.seed_name = "naive"; }));
  CHECK(hash_changes([](Variant& v) { v.language = Language::hip; }));
  CHECK(hash_changes([](Variant& v) { v.source += " "; }));
  CHECK(hash_changes([](Variant& v) { v.knobs["TILE"] = 32; }));
  CHECK(hash_changes([](Variant& v) { v.knobs["EXTRA"] = 0; }));
  CHECK(hash_changes([](Variant& v) { v.knobs.erase("NEG"); }));
  CHECK(hash_changes([](Variant& v) {
    const auto value = v.knobs.at("TILE");
    v.knobs.erase("TILE");
    v.knobs["TILE2"] = value;
  }));
  CHECK(hash_changes([](Variant& v) { v.launch.steps[0].grid[0] = "N"; }));
  CHECK(hash_changes([](Variant& v) { v.launch.steps[0].args.push_back("1"); }));
  CHECK(hash_changes([](Variant& v) { v.launch.scratch[0].bytes = "0"; }));
}

TEST_CASE("content hash ignores lineage", "[population][variant]") {
  CHECK_FALSE(hash_changes([](Variant& v) { v.lineage.parent_ids.clear(); }));
  CHECK_FALSE(hash_changes([](Variant& v) { v.lineage.operator_name = "seed"; }));
  CHECK_FALSE(hash_changes([](Variant& v) { v.lineage.strategy = ""; }));
  CHECK_FALSE(hash_changes([](Variant& v) { v.lineage.generation = 100; }));
  CHECK_FALSE(hash_changes([](Variant& v) { v.lineage.island = 9; }));
}

TEST_CASE("content hash keeps field boundaries", "[population][variant]") {
  Variant left = kevo::test::sample_variant();
  Variant right = left;
  left.task = "ab";
  left.seed_name = "c";
  right.task = "a";
  right.seed_name = "bc";
  CHECK(left.content_hash() != right.content_hash());

  // A knob name/value pair must not be confusable with neighbouring knobs.
  left.knobs = {{"A1", 2}};
  right.knobs = {{"A", 12}};
  CHECK(left.content_hash() != right.content_hash());
}
