#pragma once
// A prepared SQLite statement that finalizes itself and reports every failure
// as an ArchiveError naming the database file, the SQL and SQLite's message.
// Values are always bound as parameters (?1, ?2, ...), never spliced into SQL.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "population/archive.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace kevo::population {

// The ArchiveError for a failed `action` on `db` (which may be null when the
// open itself failed): "<path>: <action> failed: <sqlite message> [SQL: <sql>]".
ArchiveError sqlite_error(sqlite3* db, const std::filesystem::path& db_path,
                          std::string_view action, std::string_view sql);

class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, const std::filesystem::path& db_path, std::string sql);
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // Parameter indices start at 1, as in SQLite.
  SqliteStatement& bind_text(int index, std::string_view text);
  SqliteStatement& bind_int64(int index, std::int64_t value);
  SqliteStatement& bind_double(int index, double value);  // NaN is stored as NULL
  SqliteStatement& bind_null(int index);

  // Advances to the next row; false once the statement is done.
  bool step();
  // Runs a statement that returns no rows.
  void run();

  // Column indices start at 0, as in SQLite.
  bool column_is_null(int index) const;
  std::string column_text(int index) const;  // embedded NULs preserved
  std::int64_t column_int64(int index) const;
  double column_double(int index) const;

 private:
  [[noreturn]] void fail(std::string_view action) const;
  void check_bind(int result_code, int index) const;

  sqlite3* db_;
  std::filesystem::path db_path_;
  std::string sql_;
  sqlite3_stmt* statement_ = nullptr;
};

}  // namespace kevo::population
