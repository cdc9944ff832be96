#include "engine/search_config.hpp"

#include <array>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace kevo::engine {

namespace {

template <typename Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

constexpr NameTable<SearchMethod, 3> search_method_names{{
    {SearchMethod::evolutionary, "evolutionary"},
    {SearchMethod::greedy, "greedy"},
    {SearchMethod::random, "random"},
}};

constexpr NameTable<Topology, 3> topology_names{{
    {Topology::ring, "ring"},
    {Topology::random, "random"},
    {Topology::fully_connected, "fully_connected"},
}};

template <typename Enum, std::size_t N>
std::string name_of(const NameTable<Enum, N>& table, Enum value, const char* what) {
  for (const auto& [entry, name] : table) {
    if (entry == value) return std::string(name);
  }
  throw std::invalid_argument(std::string("unnamed ") + what + " value " +
                              std::to_string(static_cast<int>(value)));
}

template <typename Enum, std::size_t N>
Enum value_of(const NameTable<Enum, N>& table, const std::string& text, const char* what) {
  std::string allowed;
  for (const auto& [entry, name] : table) {
    if (name == text) return entry;
    allowed += (allowed.empty() ? "" : ", ") + std::string(name);
  }
  throw std::invalid_argument("unknown " + std::string(what) + " '" + text +
                              "'; allowed: " + allowed);
}

}  // namespace

std::string to_string(SearchMethod method) {
  return name_of(search_method_names, method, "search method");
}

SearchMethod search_method_from_string(const std::string& text) {
  return value_of(search_method_names, text, "search method");
}

std::string to_string(Topology topology) { return name_of(topology_names, topology, "topology"); }

Topology topology_from_string(const std::string& text) {
  return value_of(topology_names, text, "topology");
}

}  // namespace kevo::engine
