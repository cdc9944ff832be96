#pragma once
// Shared set-up for engine tests of the LLM path: a small campaign whose
// children come from llm_mutation, talking to a scripted endpoint, and the
// SEARCH/REPLACE edit such an endpoint answers with.
#include <string>

#include "engine_fixture.hpp"

namespace kevo::test {

// One island of llm_mutation children on engine_axpy, talking to the endpoint at `url`.
inline engine::CampaignConfig llm_campaign(const TempFolder& root, const std::string& name, const std::string& url,
                                           int evaluations) {
  auto config = small_campaign(root.path(), name);
  config.islands = 1;
  config.search.operators = {"llm_mutation"};
  config.search.crossover_rate = 0;
  config.budget.evaluations = evaluations;
  operators::llm::EndpointConfig endpoint;
  endpoint.name = "mock";
  endpoint.base_url = url;
  endpoint.model = "mock-1";
  config.llm.endpoints = {endpoint};
  return config;
}

// A reply that edits one passage of the parent.
inline std::string edit(const std::string& search, const std::string& replace) {
  return "<<<<<<< SEARCH\n" + search + "\n=======\n" + replace + "\n>>>>>>> REPLACE";
}

}  // namespace kevo::test
