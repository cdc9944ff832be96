#pragma once
// NotesIndex: short hardware notes (hardware_profiles/notes/*.md, a title
// line, a tags line, a few sentences) retrieved for a prompt by BM25 over
// their words. The query names the device, the parent's bound and the chosen
// strategy, so the notes that reach the model are the ones about this
// situation, and the prompt stays small.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace kevo::operators::llm {

struct Note {
  std::string name;  // the file's stem
  std::string text;  // the whole note
};

class NotesIndex {
 public:
  // Every *.md in `dir`; an empty index when `dir` does not exist.
  static NotesIndex load(const std::filesystem::path& dir);
  static NotesIndex from_notes(std::vector<Note> notes);

  // The `count` best notes for `query` by BM25 (k1 = 1.2, b = 0.75), best
  // first; notes sharing no word with the query are never returned.
  std::vector<const Note*> search(const std::string& query, std::size_t count) const;
  std::size_t size() const { return notes_.size(); }

 private:
  std::vector<Note> notes_;
  std::vector<std::map<std::string, int>> term_counts_;  // per note
  std::vector<double> lengths_;
  std::map<std::string, int> document_frequency_;
  double mean_length_ = 0;
};

// Lower-case words of letters, digits and '_' (so "sm_90a" stays one word).
std::vector<std::string> note_words(const std::string& text);

}  // namespace kevo::operators::llm
