#include "catch_compat.hpp"
#include "population/launch_plan.hpp"
#include "sample_population.hpp"

using kevo::population::LaunchPlan;
using kevo::population::LaunchStep;
using kevo::population::to_canonical_text;

TEST_CASE("canonical launch plan text has a fixed, readable form", "[population][launch]") {
  LaunchStep step;
  step.kernel = "k";
  step.grid = {"g", "1", "1"};
  step.args = {"A", "n+1"};
  const LaunchPlan plan{{step}, {{"t", "4*M"}}};
  CHECK(to_canonical_text(plan) ==
        R"(launch-plan/1 steps=[{kernel="k" grid=("g","1","1") block=("1","1","1") )"
        R"(shared_bytes="0" args=("A","n+1")}] scratch=[{name="t" bytes="4*M"}])");
  CHECK(to_canonical_text(LaunchPlan{}) == "launch-plan/1 steps=[] scratch=[]");
}

TEST_CASE("canonical launch plan text is one line even for odd expressions",
          "[population][launch]") {
  LaunchStep step;
  step.kernel = "k\nl";
  step.args = {"a\"b", "c\\d", std::string("\x01\x7f\r\t", 4)};
  const std::string text = to_canonical_text(LaunchPlan{{step}, {}});
  CHECK(text.find('\n') == std::string::npos);
  CHECK(text.find('\r') == std::string::npos);
  CHECK(text.find(R"(kernel="k\nl")") != std::string::npos);
  CHECK(text.find(R"(args=("a\"b","c\\d","\x01\x7f\r\t"))") != std::string::npos);
}

TEST_CASE("canonical launch plan text tells apart plans that differ only in structure",
          "[population][launch]") {
  LaunchStep joined;
  joined.kernel = "k";
  joined.args = {"a\",\"b"};
  LaunchStep split = joined;
  split.args = {"a", "b"};
  CHECK(to_canonical_text(LaunchPlan{{joined}, {}}) != to_canonical_text(LaunchPlan{{split}, {}}));

  LaunchStep first;
  first.kernel = "k1";
  LaunchStep second;
  second.kernel = "k2";
  CHECK(to_canonical_text(LaunchPlan{{first, second}, {}}) !=
        to_canonical_text(LaunchPlan{{second, first}, {}}));
}

TEST_CASE("canonical launch plan text changes with every field", "[population][launch]") {
  const LaunchPlan base = kevo::test::sample_launch_plan();
  const std::string base_text = to_canonical_text(base);
  CHECK(to_canonical_text(kevo::test::sample_launch_plan()) == base_text);

  auto changed = [&](auto mutate) {
    LaunchPlan plan = base;
    mutate(plan);
    return to_canonical_text(plan) != base_text;
  };
  CHECK(changed([](LaunchPlan& p) { p.steps[0].kernel = "other"; }));
  CHECK(changed([](LaunchPlan& p) { p.steps[0].grid[2] = "2"; }));
  CHECK(changed([](LaunchPlan& p) { p.steps[0].block[0] = "32"; }));
  CHECK(changed([](LaunchPlan& p) { p.steps[0].shared_bytes = "0"; }));
  CHECK(changed([](LaunchPlan& p) { p.steps[1].args.pop_back(); }));
  CHECK(changed([](LaunchPlan& p) { p.steps.pop_back(); }));
  CHECK(changed([](LaunchPlan& p) { p.scratch[0].name = "tmp2"; }));
  CHECK(changed([](LaunchPlan& p) { p.scratch[0].bytes = "8*M*N"; }));
  CHECK(changed([](LaunchPlan& p) { p.scratch.clear(); }));
}
