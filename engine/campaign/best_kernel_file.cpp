#include "engine/campaign/best_kernel_file.hpp"

#include <fstream>
#include <stdexcept>

#include "population/serialization.hpp"

namespace kevo::engine {
namespace {

std::string extension(population::Language language) {
  switch (language) {
    case population::Language::cuda: return ".cu";
    case population::Language::hip: return ".hip";
    case population::Language::cpp: break;
  }
  return ".cpp";
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  if (!out) throw std::runtime_error(path.string() + ": cannot write the best kernel file");
}

}  // namespace

std::filesystem::path write_best_kernel(const std::filesystem::path& dir, const Individual& best,
                                        double baseline_seconds) {
  std::filesystem::create_directories(dir);
  const auto& v = best.variant;
  std::string source = "// kevo best variant " + best.id + " for task '" + v.task + "' (seed family '" +
                       v.seed_name + "'), " + std::to_string(best.speedup) + "x over the seed on " +
                       best.evaluation.device_id + "\n";
  for (const auto& [name, value] : v.knobs)
    source += "#define " + name + " " + std::to_string(value) + "\n";
  source += v.source;
  const auto source_path = dir / (v.task + extension(v.language));
  write_text(source_path, source);

  nlohmann::json summary{{"variant", nlohmann::json(v)},
                         {"evaluation", nlohmann::json(best.evaluation)},
                         {"speedup_over_seed", best.speedup},
                         {"seed_seconds", baseline_seconds}};
  write_text(dir / (v.task + ".json"), summary.dump(2) + "\n");
  return source_path;
}

}  // namespace kevo::engine
