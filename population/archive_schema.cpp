#include "population/archive_schema.hpp"

#include <array>

namespace kevo::population {
namespace {

// Append new migrations; never edit one that has shipped, since files in the
// wild already record it as applied.
//
// NaN metrics are stored as NULL (SQLite has no NaN), hence the nullable REAL
// columns; the archive reads NULL back as NaN, except roofline_fraction,
// where NULL means "not known". Every other double comes back exactly, save
// that -0.0 returns as 0.0 (SQLite stores whole REALs as integers). Timing
// samples live in timings_json, which keeps even that.
constexpr std::string_view kVariantsAndEvaluations = R"sql(
CREATE TABLE variants (
  id          TEXT PRIMARY KEY NOT NULL,
  task        TEXT NOT NULL,
  seed_name   TEXT NOT NULL,
  language    TEXT NOT NULL,
  source      TEXT NOT NULL,
  knobs_json  TEXT NOT NULL,
  launch_json TEXT NOT NULL,
  parents_json TEXT NOT NULL,
  operator    TEXT NOT NULL,
  strategy    TEXT NOT NULL,
  generation  INTEGER NOT NULL,
  island      INTEGER NOT NULL,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX variants_by_task ON variants(task);

CREATE TABLE evaluations (
  variant_id        TEXT NOT NULL REFERENCES variants(id),
  device_id         TEXT NOT NULL,
  status            TEXT NOT NULL,
  error             TEXT NOT NULL,
  timings_json      TEXT NOT NULL,
  max_abs_error     REAL,
  max_rel_error     REAL,
  norm_rel_error    REAL,
  flops_per_second  REAL,
  bytes_per_second  REAL,
  roofline_fraction REAL NULL,
  bound             TEXT NOT NULL,
  compile_seconds   REAL,
  compile_cache_hit INTEGER NOT NULL,
  created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (variant_id, device_id)
);
CREATE INDEX evaluations_by_device ON evaluations(device_id);
)sql";

// The engine's checkpoint documents (see archive_state.cpp). IF NOT EXISTS:
// archive_state.cpp may have created the table before this migration existed.
constexpr std::string_view kStateTable = R"sql(
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql";

// What a GPU kernel asks of its device (KernelResources as JSON; NULL for
// CPU evaluations and for archives written before GPU back ends existed).
constexpr std::string_view kKernelResources = R"sql(
ALTER TABLE evaluations ADD COLUMN resources_json TEXT NULL;
)sql";

// Where each evaluation's time went (EvaluationCost as JSON; NULL for
// archives written before costs were recorded).
constexpr std::string_view kEvaluationCost = R"sql(
ALTER TABLE evaluations ADD COLUMN cost_json TEXT NULL;
)sql";

// What the hardware counters said (CounterProfile as JSON; NULL for variants
// that were not profiled and for archives written before profiling existed).
constexpr std::string_view kCounterProfile = R"sql(
ALTER TABLE evaluations ADD COLUMN counters_json TEXT NULL;
)sql";

// Requests to outside services (LLM endpoints) and their responses, for
// audit and offline replay.
constexpr std::string_view kExchanges = R"sql(
CREATE TABLE exchanges (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  service      TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  request      TEXT NOT NULL,
  status       INTEGER NOT NULL,
  response     TEXT NOT NULL,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX exchanges_by_hash ON exchanges(request_hash);
)sql";

constexpr std::array kMigrations{
    Migration{1, kVariantsAndEvaluations},
    Migration{2, kStateTable},
    Migration{3, kKernelResources},
    Migration{4, kEvaluationCost},
    Migration{5, kExchanges},
    Migration{6, kCounterProfile},
};

}  // namespace

std::span<const Migration> archive_migrations() { return kMigrations; }

}  // namespace kevo::population
