#include "population/archive.hpp"

#include <sqlite3.h>

#include <cmath>
#include <limits>
#include <tuple>

#include <nlohmann/json.hpp>

#include "population/archive_schema.hpp"
#include "population/serialization.hpp"
#include "population/sqlite_statement.hpp"

namespace kevo::population {
namespace {

using nlohmann::json;

// Long enough to ride out another process's checkpoint or commit, short
// enough that a stuck writer shows up as an error rather than a hang.
constexpr int kBusyTimeoutMilliseconds = 30'000;

constexpr const char* kCreateSchemaVersion =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " id INTEGER PRIMARY KEY CHECK (id = 1),"
    " version INTEGER NOT NULL)";

constexpr const char* kVariantColumns =
    "task, seed_name, language, source, knobs_json, launch_json, parents_json,"
    " operator, strategy, generation, island";

constexpr const char* kEvaluationColumns =
    "variant_id, device_id, status, error, timings_json, max_abs_error, max_rel_error,"
    " norm_rel_error, flops_per_second, bytes_per_second, roofline_fraction, bound,"
    " compile_seconds, compile_cache_hit, resources_json, cost_json, counters_json";
// How many columns kEvaluationColumns names: queries that select more read them after these.
constexpr int kEvaluationColumnCount = 17;

void exec_sql(sqlite3* db, const std::filesystem::path& db_path, const std::string& sql) {
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    throw sqlite_error(db, db_path, "exec", sql);
  }
}

sqlite3* open_connection(const std::filesystem::path& db_path) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
  if (sqlite3_open_v2(db_path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    const ArchiveError error = sqlite_error(db, db_path, "open", "");
    sqlite3_close_v2(db);
    throw error;
  }
  return db;
}

std::string single_text_result(sqlite3* db, const std::filesystem::path& db_path,
                               const std::string& sql) {
  SqliteStatement statement(db, db_path, sql);
  return statement.step() ? statement.column_text(0) : std::string();
}

void configure_connection(sqlite3* db, const std::filesystem::path& db_path) {
  if (sqlite3_busy_timeout(db, kBusyTimeoutMilliseconds) != SQLITE_OK) {
    throw sqlite_error(db, db_path, "set busy timeout", "");
  }
  // The first statement reads the file header: a non-SQLite file fails here.
  const std::string sql = "PRAGMA journal_mode=WAL";
  const std::string mode = single_text_result(db, db_path, sql);
  if (mode != "wal" && mode != "memory") {
    throw ArchiveError("archive " + db_path.string() +
                       ": could not switch to WAL journal mode (SQLite kept '" + mode +
                       "'; is the file on a network file system?) [SQL: " + sql + "]");
  }
  // NORMAL is durable in WAL mode except for the last commits before a power
  // loss, which only costs re-evaluating those variants.
  exec_sql(db, db_path, "PRAGMA synchronous=NORMAL");
  exec_sql(db, db_path, "PRAGMA foreign_keys=ON");
}

int schema_version(sqlite3* db, const std::filesystem::path& db_path) {
  SqliteStatement statement(db, db_path, "SELECT version FROM schema_version WHERE id = 1");
  return statement.step() ? static_cast<int>(statement.column_int64(0)) : 0;
}

void record_schema_version(sqlite3* db, const std::filesystem::path& db_path, int version) {
  SqliteStatement statement(db, db_path,
                            "INSERT INTO schema_version(id, version) VALUES(1, ?1)"
                            " ON CONFLICT(id) DO UPDATE SET version = excluded.version");
  statement.bind_int64(1, version).run();
}

void apply_pending_migrations(sqlite3* db, const std::filesystem::path& db_path) {
  exec_sql(db, db_path, kCreateSchemaVersion);
  const int current = schema_version(db, db_path);
  const auto migrations = archive_migrations();
  const int newest = migrations.empty() ? 0 : migrations.back().version;
  if (current > newest) {
    throw ArchiveError("archive " + db_path.string() + ": schema version " +
                       std::to_string(current) + " is newer than this kevo understands (" +
                       std::to_string(newest) + "); use a newer kevo");
  }
  for (const Migration& migration : migrations) {
    if (migration.version <= current) continue;
    exec_sql(db, db_path, std::string(migration.sql));
    record_schema_version(db, db_path, migration.version);
  }
}

// Converts a JSON encoding/decoding failure into an ArchiveError with context.
template <typename Action>
auto with_json_context(const std::filesystem::path& db_path, const std::string& what,
                       Action action) -> decltype(action()) {
  try {
    return action();
  } catch (const ArchiveError&) {
    throw;
  } catch (const std::exception& error) {
    throw ArchiveError("archive " + db_path.string() + ": " + what + ": " + error.what());
  }
}

// SQLite stores NaN as NULL; read it back as NaN.
double nullable_double(const SqliteStatement& row, int column) {
  return row.column_is_null(column) ? std::numeric_limits<double>::quiet_NaN()
                                    : row.column_double(column);
}

// Expects the columns in kVariantColumns order.
Variant variant_from_row(const SqliteStatement& row, const std::filesystem::path& db_path,
                         const std::string& id) {
  return with_json_context(db_path, "cannot decode variant " + id, [&] {
    Variant variant;
    variant.task = row.column_text(0);
    variant.seed_name = row.column_text(1);
    variant.language = language_from_string(row.column_text(2));
    variant.source = row.column_text(3);
    variant.knobs = knobs_from_json(json::parse(row.column_text(4)));
    variant.launch = json::parse(row.column_text(5)).get<LaunchPlan>();
    variant.lineage.parent_ids = json::parse(row.column_text(6)).get<std::vector<std::string>>();
    variant.lineage.operator_name = row.column_text(7);
    variant.lineage.strategy = row.column_text(8);
    variant.lineage.generation = static_cast<int>(row.column_int64(9));
    variant.lineage.island = static_cast<int>(row.column_int64(10));
    return variant;
  });
}

// Expects the columns in kEvaluationColumns order.
Evaluation evaluation_from_row(const SqliteStatement& row, const std::filesystem::path& db_path) {
  const std::string variant_id = row.column_text(0);
  const std::string device_id = row.column_text(1);
  return with_json_context(
      db_path, "cannot decode evaluation of " + variant_id + " on " + device_id, [&] {
        Evaluation evaluation;
        evaluation.variant_id = variant_id;
        evaluation.device_id = device_id;
        evaluation.status = eval_status_from_string(row.column_text(2));
        evaluation.error = row.column_text(3);
        evaluation.timings = json::parse(row.column_text(4)).get<std::vector<SizeTiming>>();
        evaluation.max_abs_error = nullable_double(row, 5);
        evaluation.max_rel_error = nullable_double(row, 6);
        evaluation.norm_rel_error = nullable_double(row, 7);
        evaluation.flops_per_second = nullable_double(row, 8);
        evaluation.bytes_per_second = nullable_double(row, 9);
        if (!row.column_is_null(10)) evaluation.roofline_fraction = row.column_double(10);
        evaluation.bound = row.column_text(11);
        evaluation.compile_seconds = nullable_double(row, 12);
        evaluation.compile_cache_hit = row.column_int64(13) != 0;
        if (!row.column_is_null(14)) {
          evaluation.resources = json::parse(row.column_text(14)).get<KernelResources>();
        }
        if (!row.column_is_null(15)) evaluation.cost = json::parse(row.column_text(15)).get<EvaluationCost>();
        if (!row.column_is_null(16)) evaluation.counters = json::parse(row.column_text(16)).get<CounterProfile>();
        return evaluation;
      });
}

std::size_t count_rows(sqlite3* db, const std::filesystem::path& db_path, const std::string& sql) {
  SqliteStatement statement(db, db_path, sql);
  statement.step();
  return static_cast<std::size_t>(statement.column_int64(0));
}

}  // namespace

Archive::Archive(const std::filesystem::path& path) : path_(path) {
  db_ = open_connection(path_);
  // The destructor does not run for a throwing constructor: close here.
  try {
    configure_connection(db_, path_);
    Transaction migration(*this);
    apply_pending_migrations(db_, path_);
    migration.commit();
  } catch (...) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw;
  }
}

Archive::~Archive() { sqlite3_close_v2(db_); }

std::string Archive::put_variant(const Variant& variant) {
  const std::string id = variant.content_hash();
  const auto [knobs_json, launch_json, parents_json] =
      with_json_context(path_, "cannot encode variant " + id, [&] {
        return std::tuple{knobs_to_json(variant.knobs).dump(), json(variant.launch).dump(),
                          json(variant.lineage.parent_ids).dump()};
      });
  // A known id keeps its first lineage: the same genome reached twice is one variant.
  SqliteStatement insert(db_, path_,
                         std::string("INSERT INTO variants(id, ") + kVariantColumns +
                             ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
                             " ON CONFLICT(id) DO NOTHING");
  insert.bind_text(1, id)
      .bind_text(2, variant.task)
      .bind_text(3, variant.seed_name)
      .bind_text(4, to_string(variant.language))
      .bind_text(5, variant.source)
      .bind_text(6, knobs_json)
      .bind_text(7, launch_json)
      .bind_text(8, parents_json)
      .bind_text(9, variant.lineage.operator_name)
      .bind_text(10, variant.lineage.strategy)
      .bind_int64(11, variant.lineage.generation)
      .bind_int64(12, variant.lineage.island)
      .run();
  return id;
}

std::optional<Variant> Archive::find_variant(const std::string& id) const {
  SqliteStatement select(db_, path_,
                         std::string("SELECT ") + kVariantColumns + " FROM variants WHERE id = ?1");
  select.bind_text(1, id);
  if (!select.step()) return std::nullopt;
  return variant_from_row(select, path_, id);
}

std::vector<Variant> Archive::all_variants(const std::string& task) const {
  SqliteStatement select(db_, path_,
                         std::string("SELECT ") + kVariantColumns +
                             ", id FROM variants WHERE task = ?1 ORDER BY rowid");
  select.bind_text(1, task);
  std::vector<Variant> variants;
  while (select.step()) variants.push_back(variant_from_row(select, path_, select.column_text(11)));
  return variants;
}

void Archive::put_evaluation(const Evaluation& evaluation) {
  const std::string timings_json = with_json_context(
      path_, "cannot encode the timings of " + evaluation.variant_id,
      [&] { return json(evaluation.timings).dump(); });
  SqliteStatement upsert(
      db_, path_,
      std::string("INSERT INTO evaluations(") + kEvaluationColumns +
          ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"
          " ON CONFLICT(variant_id, device_id) DO UPDATE SET"
          " status = excluded.status, error = excluded.error,"
          " timings_json = excluded.timings_json, max_abs_error = excluded.max_abs_error,"
          " max_rel_error = excluded.max_rel_error, norm_rel_error = excluded.norm_rel_error,"
          " flops_per_second = excluded.flops_per_second,"
          " bytes_per_second = excluded.bytes_per_second,"
          " roofline_fraction = excluded.roofline_fraction, bound = excluded.bound,"
          " compile_seconds = excluded.compile_seconds,"
          " compile_cache_hit = excluded.compile_cache_hit, resources_json = excluded.resources_json,"
          " cost_json = excluded.cost_json, counters_json = excluded.counters_json,"
          " created_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
  upsert.bind_text(1, evaluation.variant_id)
      .bind_text(2, evaluation.device_id)
      .bind_text(3, to_string(evaluation.status))
      .bind_text(4, evaluation.error)
      .bind_text(5, timings_json)
      .bind_double(6, evaluation.max_abs_error)
      .bind_double(7, evaluation.max_rel_error)
      .bind_double(8, evaluation.norm_rel_error)
      .bind_double(9, evaluation.flops_per_second)
      .bind_double(10, evaluation.bytes_per_second)
      .bind_text(12, evaluation.bound)
      .bind_double(13, evaluation.compile_seconds)
      .bind_int64(14, evaluation.compile_cache_hit ? 1 : 0)
      .bind_text(16, json(evaluation.cost).dump());
  if (evaluation.resources) {
    upsert.bind_text(15, json(*evaluation.resources).dump());
  } else {
    upsert.bind_null(15);
  }
  if (evaluation.counters) {
    upsert.bind_text(17, json(*evaluation.counters).dump());
  } else {
    upsert.bind_null(17);
  }
  // A NaN fraction would be stored as NULL too: it reads back as "not known".
  if (evaluation.roofline_fraction) {
    upsert.bind_double(11, *evaluation.roofline_fraction);
  } else {
    upsert.bind_null(11);
  }
  upsert.run();
}

std::optional<Evaluation> Archive::find_evaluation(const std::string& variant_id,
                                                   const std::string& device_id) const {
  SqliteStatement select(db_, path_,
                         std::string("SELECT ") + kEvaluationColumns +
                             " FROM evaluations WHERE variant_id = ?1 AND device_id = ?2");
  select.bind_text(1, variant_id).bind_text(2, device_id);
  if (!select.step()) return std::nullopt;
  return evaluation_from_row(select, path_);
}

std::vector<Evaluation> Archive::evaluations_for_device(const std::string& device_id) const {
  SqliteStatement select(db_, path_,
                         std::string("SELECT ") + kEvaluationColumns +
                             " FROM evaluations WHERE device_id = ?1 ORDER BY rowid");
  select.bind_text(1, device_id);
  std::vector<Evaluation> evaluations;
  while (select.step()) evaluations.push_back(evaluation_from_row(select, path_));
  return evaluations;
}

std::vector<HistoryEntry> Archive::history(const std::string& task) const {
  SqliteStatement select(db_, path_,
                         std::string("SELECT ") + kEvaluationColumns +
                             ", v.operator, (julianday(e.created_at) - julianday((SELECT min(created_at) FROM"
                             " evaluations))) * 86400.0 FROM evaluations e JOIN variants v ON v.id = e.variant_id"
                             " WHERE v.task = ?1 ORDER BY e.rowid");
  select.bind_text(1, task);
  constexpr int kOperator = kEvaluationColumnCount;
  std::vector<HistoryEntry> entries;
  while (select.step())
    entries.push_back({evaluation_from_row(select, path_), select.column_text(kOperator),
                       select.column_double(kOperator + 1)});
  return entries;
}

std::size_t Archive::variant_count() const {
  return count_rows(db_, path_, "SELECT count(*) FROM variants");
}

std::size_t Archive::evaluation_count() const {
  return count_rows(db_, path_, "SELECT count(*) FROM evaluations");
}

void Archive::exec(const std::string& sql) const { exec_sql(db_, path_, sql); }

// IMMEDIATE takes the write lock up front, so a transaction that reads and
// then writes cannot fail half way with SQLITE_BUSY.
Archive::Transaction::Transaction(Archive& archive) : archive_(archive) {
  archive_.exec("BEGIN IMMEDIATE");
}

Archive::Transaction::~Transaction() {
  if (done_) return;
  // A destructor must not throw; if ROLLBACK fails, SQLite has already ended
  // the transaction itself (it does so on errors such as SQLITE_FULL).
  try {
    archive_.exec("ROLLBACK");
  } catch (const ArchiveError&) {
  }
}

void Archive::Transaction::commit() {
  if (done_) throw ArchiveError("archive " + archive_.path_.string() + ": commit() called twice");
  archive_.exec("COMMIT");
  done_ = true;
}

}  // namespace kevo::population
