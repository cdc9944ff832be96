#include "population/variant.hpp"

#include <stdexcept>

#include "population/content_hash.hpp"

namespace kevo::population {
namespace {

// Bumped whenever the hashed fields or their encoding change, so hashes of
// different definitions can never collide by accident.
constexpr std::string_view kHashDomain = "kevo.variant/1";

}  // namespace

std::string knobs_to_text(const KnobValues& knobs) {
  std::string text;
  for (const auto& [name, value] : knobs) text += (text.empty() ? "" : " ") + name + "=" + std::to_string(value);
  return text.empty() ? "-" : text;
}

std::string to_string(Language language) {
  switch (language) {
    case Language::cpp: return "cpp";
    case Language::cuda: return "cuda";
    case Language::hip: return "hip";
  }
  throw std::invalid_argument("unknown Language value " +
                              std::to_string(static_cast<int>(language)));
}

Language language_from_string(const std::string& text) {
  if (text == "cpp") return Language::cpp;
  if (text == "cuda") return Language::cuda;
  if (text == "hip") return Language::hip;
  throw std::invalid_argument("unknown language '" + text + "' (expected cpp, cuda or hip)");
}

// Every value goes through Sha256::field, so moving bytes from one field to
// its neighbour changes the hash. Knobs come sorted by name (std::map), and
// their count is hashed so that the knob list is self-delimiting.
std::string Variant::content_hash() const {
  Sha256 hash;
  hash.field(kHashDomain)
      .field(task)
      .field(seed_name)
      .field(to_string(language))
      .field(source)
      .field(std::to_string(knobs.size()));
  for (const auto& [name, value] : knobs) {
    hash.field(name).field(std::to_string(value));
  }
  hash.field(to_canonical_text(launch));
  return hash.hex_digest();
}

bool is_seed_operator(const std::string& operator_name) {
  return operator_name == "seed" || operator_name == kDraftOperator;
}

}  // namespace kevo::population
