// The Task model's helpers: dtypes, size labels, element counts, check_knobs.
#include <string>

#include "catch_compat.hpp"
#include "fitness/task.hpp"

using kevo::fitness::check_knobs;
using kevo::fitness::DType;
using kevo::fitness::KnobSpec;
using kevo::fitness::SeedSpec;
using kevo::fitness::SizePoint;
using kevo::fitness::Task;
using kevo::fitness::TaskError;
using kevo::fitness::TensorSpec;
using kevo::fitness::expr::Expression;

namespace {

SeedSpec tiled_seed() {
  SeedSpec seed;
  seed.name = "tiled";
  seed.knobs = {KnobSpec{"TILE", {8, 16, 32}, 8}, KnobSpec{"UNROLL", {1, 2, 4}, 1}};
  seed.constraints = {Expression::parse("TILE % UNROLL == 0"), Expression::parse("TILE / (UNROLL - 3) >= -100")};
  return seed;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("task model: dtype helpers") {
  CHECK(kevo::fitness::dtype_size(DType::f32) == 4);
  CHECK(kevo::fitness::dtype_size(DType::f64) == 8);
  CHECK(kevo::fitness::dtype_size(DType::i32) == 4);
  CHECK(kevo::fitness::dtype_size(DType::i64) == 8);
  CHECK(kevo::fitness::to_string(DType::f32) == "f32");
  CHECK(kevo::fitness::to_string(DType::i64) == "i64");
  CHECK(kevo::fitness::c_type(DType::f32) == "float");
  CHECK(kevo::fitness::c_type(DType::f64) == "double");
  CHECK(kevo::fitness::c_type(DType::i32) == "int32_t");
  CHECK(kevo::fitness::c_type(DType::i64) == "int64_t");
}

TEST_CASE("task model: size labels follow the map's order") {
  CHECK(SizePoint{{{"M", 512}, {"N", 256}, {"K", 128}}}.label() == "K=128,M=512,N=256");
  CHECK(SizePoint{}.label().empty());
}

TEST_CASE("task model: element_count multiplies the shape and refuses overflow") {
  Task task;
  task.name = "t";
  TensorSpec tensor;
  tensor.name = "A";
  tensor.shape = {Expression::parse("M"), Expression::parse("K + 1")};
  CHECK(task.element_count(tensor, SizePoint{{{"M", 3}, {"K", 4}}}) == 15);
  CHECK(task.element_count(TensorSpec{}, SizePoint{}) == 1);  // a scalar
  CHECK_THROWS_AS(task.element_count(tensor, SizePoint{{{"M", 3}}}), TaskError);
  CHECK_THROWS_AS(task.element_count(tensor, SizePoint{{{"M", 1LL << 40}, {"K", 1LL << 40}}}), TaskError);
  CHECK_THROWS_AS(task.element_count(tensor, SizePoint{{{"M", 3}, {"K", -5}}}), TaskError);
}

TEST_CASE("check_knobs: accepts a setting inside the domain that meets the constraints") {
  CHECK(check_knobs(tiled_seed(), {{"TILE", 16}, {"UNROLL", 4}}) == "");
  CHECK(check_knobs(SeedSpec{}, {}) == "");
}

TEST_CASE("check_knobs: names what is wrong") {
  const SeedSpec seed = tiled_seed();
  CHECK(contains(check_knobs(seed, {{"TILE", 16}, {"UNROLL", 4}, {"SPLIT", 2}}),
                 "unknown knob 'SPLIT'; seed 'tiled' has knobs: TILE, UNROLL"));
  CHECK(check_knobs(seed, {{"TILE", 16}}) == "knob 'UNROLL' is not set");
  CHECK(check_knobs(seed, {{"TILE", 12}, {"UNROLL", 4}}) == "knob 'TILE' = 12 is not in its domain {8, 16, 32}");
  CHECK(check_knobs(seed, {{"TILE", 8}, {"UNROLL", 4}}) == "");
  SeedSpec strict = seed;
  strict.constraints = {Expression::parse("TILE >= 16 * UNROLL")};
  CHECK(check_knobs(strict, {{"TILE", 16}, {"UNROLL", 2}}) == "constraint 'TILE >= 16 * UNROLL' is false");
  SeedSpec multiline = seed;
  multiline.constraints = {Expression::parse("TILE >=\n 16 * UNROLL")};
  CHECK(check_knobs(multiline, {{"TILE", 16}, {"UNROLL", 2}}) == "constraint 'TILE >=\\x0a 16 * UNROLL' is false");
  SeedSpec dividing = seed;
  dividing.knobs[1].values = {1, 2, 3};
  dividing.constraints = {Expression::parse("TILE / (UNROLL - 3) >= -100")};
  CHECK(contains(check_knobs(dividing, {{"TILE", 8}, {"UNROLL", 3}}), "cannot be evaluated: division by zero"));
}

TEST_CASE("check_knobs: long domains are abridged in the message") {
  SeedSpec seed;
  seed.name = "wide";
  KnobSpec knob{"X", {}, 0};
  for (int i = 0; i < 1000; ++i) knob.values.push_back(2 * i);
  seed.knobs = {knob};
  const std::string reason = check_knobs(seed, {{"X", 3}});
  CHECK(reason == "knob 'X' = 3 is not in its domain {0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, ..., 1998} (1000 values)");
}
