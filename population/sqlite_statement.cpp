#include "population/sqlite_statement.hpp"

#include <sqlite3.h>

namespace kevo::population {

ArchiveError sqlite_error(sqlite3* db, const std::filesystem::path& db_path,
                          std::string_view action, std::string_view sql) {
  const std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
  const int code = db != nullptr ? sqlite3_extended_errcode(db) : SQLITE_NOMEM;
  std::string what = "archive " + db_path.string() + ": " + std::string(action) +
                     " failed: " + message + " (SQLite code " + std::to_string(code) + ")";
  if (!sql.empty()) what += " [SQL: " + std::string(sql) + "]";
  return ArchiveError(what);
}

SqliteStatement::SqliteStatement(sqlite3* db, const std::filesystem::path& db_path,
                                 std::string sql)
    : db_(db), db_path_(db_path), sql_(std::move(sql)) {
  if (sqlite3_prepare_v2(db_, sql_.c_str(), static_cast<int>(sql_.size() + 1), &statement_,
                         nullptr) != SQLITE_OK) {
    sqlite3_finalize(statement_);
    fail("prepare");
  }
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(statement_); }

SqliteStatement& SqliteStatement::bind_text(int index, std::string_view text) {
  // SQLITE_TRANSIENT: SQLite copies, so callers may bind temporaries.
  check_bind(sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8),
             index);
  return *this;
}

SqliteStatement& SqliteStatement::bind_int64(int index, std::int64_t value) {
  check_bind(sqlite3_bind_int64(statement_, index, value), index);
  return *this;
}

SqliteStatement& SqliteStatement::bind_double(int index, double value) {
  check_bind(sqlite3_bind_double(statement_, index, value), index);
  return *this;
}

SqliteStatement& SqliteStatement::bind_null(int index) {
  check_bind(sqlite3_bind_null(statement_, index), index);
  return *this;
}

bool SqliteStatement::step() {
  const int result = sqlite3_step(statement_);
  if (result == SQLITE_ROW) return true;
  if (result == SQLITE_DONE) return false;
  fail("step");
}

void SqliteStatement::run() {
  if (step()) {
    throw ArchiveError("archive " + db_path_.string() +
                       ": statement returned rows where none were expected [SQL: " + sql_ + "]");
  }
}

bool SqliteStatement::column_is_null(int index) const {
  return sqlite3_column_type(statement_, index) == SQLITE_NULL;
}

std::string SqliteStatement::column_text(int index) const {
  const auto* text = sqlite3_column_text(statement_, index);
  const int bytes = sqlite3_column_bytes(statement_, index);  // after _text, as SQLite requires
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(bytes));
}

std::int64_t SqliteStatement::column_int64(int index) const {
  return sqlite3_column_int64(statement_, index);
}

double SqliteStatement::column_double(int index) const {
  return sqlite3_column_double(statement_, index);
}

void SqliteStatement::fail(std::string_view action) const {
  throw sqlite_error(db_, db_path_, action, sql_);
}

void SqliteStatement::check_bind(int result_code, int index) const {
  if (result_code != SQLITE_OK) fail("bind parameter " + std::to_string(index));
}

}  // namespace kevo::population
