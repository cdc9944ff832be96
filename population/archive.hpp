#pragma once
// Archive: every variant ever evaluated in a run and every evaluation, in one
// SQLite file (WAL mode). The archive is the run's memory: a variant already
// evaluated on a device is looked up here, never evaluated twice.
//
// Threads: one Archive object must be used from one thread at a time (its
// statements and sqlite3_errmsg are per connection). The connection is opened
// SQLITE_OPEN_FULLMUTEX anyway, so misuse cannot corrupt memory. Processes
// may share the file: each opens its own Archive; WAL and busy_timeout let
// readers and one writer proceed together.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "population/evaluation.hpp"
#include "population/variant.hpp"

struct sqlite3;

namespace kevo::population {

// Thrown for any SQLite failure; the message names the database file and the statement.
struct ArchiveError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One request to an outside service and its response (archive_exchanges.cpp).
struct Exchange {
  std::string service;       // e.g. the LLM endpoint's name
  std::string request_hash;  // sha256 of `request`
  std::string request;       // the request body (never headers)
  std::int64_t status = 0;   // e.g. the HTTP status
  std::string response;      // the response body
};

// One evaluation of a task's variant, in the order evaluations were stored,
// with the operator that made the variant and when it was stored (seconds
// after the archive's first evaluation): what an experiment reads to tell
// how a search progressed.
struct HistoryEntry {
  Evaluation evaluation;
  std::string operator_name;
  double stored_seconds = 0;
};

class Archive {
 public:
  // Opens (creating if needed) the archive at `path` and migrates its schema.
  explicit Archive(const std::filesystem::path& path);
  ~Archive();
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  // Inserts the variant if its content hash is new; returns the hash.
  std::string put_variant(const Variant& variant);
  std::optional<Variant> find_variant(const std::string& id) const;

  // Stores an evaluation (replacing one for the same variant and device).
  void put_evaluation(const Evaluation& evaluation);
  std::optional<Evaluation> find_evaluation(const std::string& variant_id,
                                            const std::string& device_id) const;
  // In the order first stored (a replacement keeps its place).
  std::vector<Evaluation> evaluations_for_device(const std::string& device_id) const;
  std::vector<HistoryEntry> history(const std::string& task) const;

  // Small named JSON documents stored beside the variants (island state,
  // budget counters, bandit statistics), written in the same transactions.
  // Implemented in archive_state.cpp.
  void put_state(const std::string& key, const std::string& json_text);
  std::optional<std::string> get_state(const std::string& key) const;
  std::vector<std::string> state_keys(const std::string& prefix) const;

  // The exchange log, in the order written; each put is its own statement,
  // outside generation transactions, so calls made before a kill are kept.
  void put_exchange(const Exchange& exchange);
  std::vector<Exchange> exchanges() const;

  // Every variant of `task`, in the order they were first stored.
  std::vector<Variant> all_variants(const std::string& task) const;

  std::size_t variant_count() const;
  std::size_t evaluation_count() const;

  // Groups writes into one transaction; commit() makes them durable.
  // Transactions do not nest: a second one on the same Archive throws.
  class Transaction {
   public:
    explicit Transaction(Archive& archive);
    ~Transaction();  // rolls back unless committed
    void commit();
   private:
    Archive& archive_;
    bool done_ = false;
  };

  const std::filesystem::path& path() const { return path_; }

 private:
  void exec(const std::string& sql) const;
  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
};

}  // namespace kevo::population
