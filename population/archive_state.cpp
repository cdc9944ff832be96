// Archive key/value state: the engine's checkpoint documents live in the same
// SQLite file as the variants so that one transaction covers both. The
// table is created by the schema migrations (archive_schema.cpp).
#include "population/archive.hpp"
#include "population/sqlite_statement.hpp"

namespace kevo::population {

void Archive::put_state(const std::string& key, const std::string& json_text) {
  SqliteStatement(db_, path_,
                  "INSERT INTO state(key, value) VALUES(?1, ?2) "
                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .bind_text(1, key)
      .bind_text(2, json_text)
      .run();
}

std::optional<std::string> Archive::get_state(const std::string& key) const {
  SqliteStatement statement(db_, path_, "SELECT value FROM state WHERE key = ?1");
  statement.bind_text(1, key);
  if (!statement.step()) return std::nullopt;
  return statement.column_text(0);
}

std::vector<std::string> Archive::state_keys(const std::string& prefix) const {
  SqliteStatement statement(db_, path_,
                            "SELECT key FROM state WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key");
  statement.bind_text(1, prefix);
  std::vector<std::string> keys;
  while (statement.step()) keys.push_back(statement.column_text(0));
  return keys;
}

}  // namespace kevo::population
