#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "catch_compat.hpp"
#include "population/serialization.hpp"
#include "sample_population.hpp"

using nlohmann::json;
using namespace kevo::population;

namespace {

// Through text, as the archive and the wire protocols see it.
template <typename T>
T through_text(const T& value) {
  return json::parse(json(value).dump()).template get<T>();
}

std::string error_message(void (*action)()) {
  try {
    action();
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "(no std::invalid_argument thrown)";
}

bool bitwise_equal(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

TEST_CASE("variant round-trips through JSON text", "[population][json]") {
  const Variant variant = kevo::test::sample_variant();
  const Variant copy = through_text(variant);
  CHECK(kevo::test::same_variant(copy, variant));
  CHECK(copy.content_hash() == variant.content_hash());
}

TEST_CASE("launch plan round-trips through JSON text", "[population][json]") {
  const LaunchPlan plan = kevo::test::sample_launch_plan();
  CHECK(through_text(plan) == plan);
  CHECK(through_text(LaunchPlan{}) == LaunchPlan{});
}

TEST_CASE("knob values round-trip, int64 extremes included", "[population][json]") {
  const KnobValues knobs{{"MAX", std::numeric_limits<std::int64_t>::max()},
                         {"MIN", std::numeric_limits<std::int64_t>::min()},
                         {"ZERO", 0}};
  CHECK(knobs_from_json(json::parse(knobs_to_json(knobs).dump())) == knobs);
  CHECK(knobs_from_json(json::object()).empty());
}

TEST_CASE("evaluation round-trips through JSON text", "[population][json]") {
  const Evaluation evaluation = kevo::test::sample_evaluation(std::string(64, 'c'), "cpu:0");
  CHECK(kevo::test::same_evaluation(through_text(evaluation), evaluation));

  Evaluation unknown_roofline = evaluation;
  unknown_roofline.roofline_fraction.reset();
  unknown_roofline.status = EvalStatus::compile_error;
  CHECK(kevo::test::same_evaluation(through_text(unknown_roofline), unknown_roofline));
  CHECK(json(unknown_roofline)["roofline_fraction"].is_null());
}

TEST_CASE("size timing round-trips", "[population][json]") {
  const SizeTiming timing{"M=1", 1e-9, 0.5, {1e-9, 2e-9, 3e-9}, 3};
  CHECK(kevo::test::same_timing(through_text(timing), timing));
}

TEST_CASE("doubles round-trip bit for bit, non-finite ones included", "[population][json]") {
  const double values[] = {0.1,
                           1.0 / 3.0,
                           -0.0,
                           5e-324,
                           std::numeric_limits<double>::min(),
                           std::numeric_limits<double>::max(),
                           -std::numeric_limits<double>::max(),
                           0.30000000000000004,
                           123456789.123456789,
                           std::numeric_limits<double>::infinity(),
                           -std::numeric_limits<double>::infinity()};
  for (const double value : values) {
    INFO("value " << value);
    CHECK(bitwise_equal(double_from_json(json::parse(double_to_json(value).dump())), value));
  }
  const double nan = double_from_json(json::parse(
      double_to_json(std::numeric_limits<double>::quiet_NaN()).dump()));
  CHECK(std::isnan(nan));
  CHECK(double_from_json(json(2)) == 2.0);
}

TEST_CASE("evaluation with non-finite metrics round-trips", "[population][json]") {
  Evaluation evaluation = kevo::test::sample_evaluation("v", "d");
  evaluation.max_rel_error = std::numeric_limits<double>::quiet_NaN();
  evaluation.max_abs_error = std::numeric_limits<double>::infinity();
  evaluation.roofline_fraction = -std::numeric_limits<double>::infinity();
  evaluation.timings[0].samples.push_back(std::numeric_limits<double>::quiet_NaN());
  CHECK(kevo::test::same_evaluation(through_text(evaluation), evaluation));
}

TEST_CASE("decoding errors name the offending key", "[population][json]") {
  CHECK_THAT(error_message([] {
               json doc = kevo::test::sample_variant();
               doc.erase("source");
               (void)doc.get<Variant>();
             }),
             KEVO_CONTAINS("'source': missing"));
  CHECK_THAT(error_message([] {
               json doc = kevo::test::sample_variant();
               doc["launch"]["steps"][1]["grid"][2] = 3;
               (void)doc.get<Variant>();
             }),
             KEVO_CONTAINS("'launch.steps[1].grid[2]': expected a string"));
  CHECK_THAT(error_message([] {
               json doc = kevo::test::sample_variant();
               doc["knobs"]["TILE"] = 3.5;
               (void)doc.get<Variant>();
             }),
             KEVO_CONTAINS("'knobs.TILE': expected an integer"));
  CHECK_THAT(error_message([] {
               json doc = kevo::test::sample_variant();
               doc["lineage"]["generation"] = std::int64_t{1} << 40;
               (void)doc.get<Variant>();
             }),
             KEVO_CONTAINS("'lineage.generation': integer"));
  CHECK_THAT(error_message([] {
               json doc = kevo::test::sample_variant();
               doc["language"] = "fortran";
               (void)doc.get<Variant>();
             }),
             KEVO_CONTAINS("'language': unknown language 'fortran'"));
  CHECK_THAT(error_message([] {
               json doc = kevo::test::sample_evaluation("v", "d");
               doc["timings"][0]["samples"][1] = "fast";
               (void)doc.get<Evaluation>();
             }),
             KEVO_CONTAINS("'timings[0].samples[1]'"));
}
