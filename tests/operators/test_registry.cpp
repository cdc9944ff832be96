#include <stdexcept>

#include "catch_compat.hpp"
#include "operators/registry.hpp"
#include "operators/toy_task.hpp"

using namespace kevo;

TEST_CASE("registry: every known name makes that operator") {
  const auto names = operators::known_operators();
  CHECK(names == std::vector<std::string>{"knob_mutation", "knob_crossover", "seed_switch",
                                          "random_sampler", "strategy", "llm_mutation",
                                          "llm_crossover"});
  for (const auto& name : names) {
    if (operators::is_llm_operator(name)) continue;  // below: they need an endpoint
    const auto op = operators::make_operator(name);
    REQUIRE(op != nullptr);
    CHECK(op->name() == name);
  }
  CHECK(operators::make_operator("knob_mutation")->arity() == 1);
  CHECK(operators::make_operator("knob_crossover")->arity() == 2);
  CHECK(operators::make_operator("seed_switch")->arity() == 1);
  CHECK(operators::make_operator("random_sampler")->arity() == 0);
  CHECK(operators::make_operator("strategy")->arity() == 1);
}

TEST_CASE("registry: an LLM operator without an endpoint says what to configure") {
  const auto message = test::thrown_message<std::invalid_argument>([] { operators::make_operator("llm_mutation"); });
  CHECK(message.find("add an 'llm:' section") != std::string::npos);
}

TEST_CASE("registry: an unknown name lists the known ones") {
  const auto message = test::thrown_message<std::invalid_argument>(
      [] { operators::make_operator("knob_mutaton"); });
  CHECK(message.find("'knob_mutaton'") != std::string::npos);
  for (const auto& name : operators::known_operators()) {
    CHECK(message.find(name) != std::string::npos);
  }
}
