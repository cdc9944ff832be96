#include <stdexcept>

#include "catch_compat.hpp"
#include "population/evaluation.hpp"

using kevo::population::EvalStatus;
using kevo::population::Evaluation;
using kevo::population::eval_status_from_string;

TEST_CASE("eval status names round-trip", "[population][evaluation]") {
  for (const EvalStatus status : {EvalStatus::ok, EvalStatus::compile_error,
                                  EvalStatus::wrong_result, EvalStatus::crash,
                                  EvalStatus::timeout, EvalStatus::rejected}) {
    CHECK(eval_status_from_string(to_string(status)) == status);
  }
  CHECK(to_string(EvalStatus::compile_error) == "compile_error");
  CHECK_THROWS_AS(eval_status_from_string("OK"), std::invalid_argument);
  CHECK_THROWS_AS(eval_status_from_string(""), std::invalid_argument);
}

TEST_CASE("bench_seconds is the first timing's median", "[population][evaluation]") {
  Evaluation evaluation;
  CHECK_FALSE(evaluation.bench_seconds().has_value());
  evaluation.timings.push_back({"bench", 2.5e-3, 0.01, {2.4e-3, 2.5e-3}, 0});
  evaluation.timings.push_back({"check", 1.0, 0.0, {}, 0});
  REQUIRE(evaluation.bench_seconds().has_value());
  CHECK(*evaluation.bench_seconds() == 2.5e-3);
}
