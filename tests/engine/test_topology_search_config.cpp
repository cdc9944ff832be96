// Names of topologies and search methods, as configs and the CLI spell them.
#include <stdexcept>
#include <string>

#include "catch_compat.hpp"
#include "engine/search_config.hpp"

using namespace kevo::engine;

namespace {

std::string invalid_argument_message(void (*call)()) {
  try {
    call();
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("search config: topology names round-trip") {
  for (auto topology : {Topology::ring, Topology::random, Topology::fully_connected}) {
    CHECK(topology_from_string(to_string(topology)) == topology);
  }
  CHECK(to_string(Topology::ring) == "ring");
  CHECK(to_string(Topology::random) == "random");
  CHECK(to_string(Topology::fully_connected) == "fully_connected");
}

TEST_CASE("search config: search method names round-trip") {
  for (auto method : {SearchMethod::evolutionary, SearchMethod::greedy, SearchMethod::random}) {
    CHECK(search_method_from_string(to_string(method)) == method);
  }
  CHECK(to_string(SearchMethod::evolutionary) == "evolutionary");
  CHECK(to_string(SearchMethod::greedy) == "greedy");
  CHECK(to_string(SearchMethod::random) == "random");
}

TEST_CASE("search config: unknown names list the allowed values") {
  const auto topology_error = invalid_argument_message([] { topology_from_string("star"); });
  CHECK(topology_error.find("'star'") != std::string::npos);
  CHECK(topology_error.find("ring, random, fully_connected") != std::string::npos);

  const auto method_error = invalid_argument_message([] { search_method_from_string("Greedy"); });
  CHECK(method_error.find("'Greedy'") != std::string::npos);
  CHECK(method_error.find("evolutionary, greedy, random") != std::string::npos);
}
