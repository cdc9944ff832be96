#include "operators/llm/notes_index.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace kevo::operators::llm {

std::vector<std::string> note_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '_') {
      word += static_cast<char>(std::tolower(u));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

NotesIndex NotesIndex::load(const std::filesystem::path& dir) {
  std::vector<Note> notes;
  if (!std::filesystem::is_directory(dir)) return from_notes({});
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".md") continue;
    std::ifstream in(entry.path());
    std::ostringstream text;
    text << in.rdbuf();
    notes.push_back({entry.path().stem().string(), text.str()});
  }
  std::sort(notes.begin(), notes.end(), [](const Note& a, const Note& b) { return a.name < b.name; });
  return from_notes(std::move(notes));
}

NotesIndex NotesIndex::from_notes(std::vector<Note> notes) {
  NotesIndex index;
  index.notes_ = std::move(notes);
  double total = 0;
  for (const Note& note : index.notes_) {
    std::map<std::string, int> counts;
    const auto words = note_words(note.text);
    for (const auto& word : words) ++counts[word];
    for (const auto& [word, count] : counts) ++index.document_frequency_[word];
    index.term_counts_.push_back(std::move(counts));
    index.lengths_.push_back(static_cast<double>(words.size()));
    total += static_cast<double>(words.size());
  }
  index.mean_length_ = index.notes_.empty() ? 0 : total / static_cast<double>(index.notes_.size());
  return index;
}

std::vector<const Note*> NotesIndex::search(const std::string& query, std::size_t count) const {
  constexpr double k1 = 1.2, b = 0.75;
  const auto words = note_words(query);
  const std::set<std::string> terms(words.begin(), words.end());
  const double n = static_cast<double>(notes_.size());
  std::vector<std::pair<double, std::size_t>> scored;
  for (std::size_t i = 0; i < notes_.size(); ++i) {
    double score = 0;
    for (const auto& term : terms) {
      const auto found = term_counts_[i].find(term);
      if (found == term_counts_[i].end()) continue;
      const double df = document_frequency_.at(term);
      const double idf = std::log(1 + (n - df + 0.5) / (df + 0.5));
      const double tf = found->second;
      score += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths_[i] / mean_length_));
    }
    if (score > 0) scored.emplace_back(score, i);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  std::vector<const Note*> best;
  for (std::size_t i = 0; i < std::min(count, scored.size()); ++i) best.push_back(&notes_[scored[i].second]);
  return best;
}

}  // namespace kevo::operators::llm
