// Archive exchange log: every request kevo sent to an outside service (an LLM
// endpoint) and the response it got, in order, so that a campaign can be
// audited and replayed offline. Request bodies only: headers (and with them
// API keys) are never stored. The table comes from archive_schema.cpp.
#include "population/archive.hpp"
#include "population/sqlite_statement.hpp"

namespace kevo::population {

void Archive::put_exchange(const Exchange& exchange) {
  SqliteStatement(db_, path_,
                  "INSERT INTO exchanges(service, request_hash, request, status, response) "
                  "VALUES(?1, ?2, ?3, ?4, ?5)")
      .bind_text(1, exchange.service)
      .bind_text(2, exchange.request_hash)
      .bind_text(3, exchange.request)
      .bind_int64(4, exchange.status)
      .bind_text(5, exchange.response)
      .run();
}

std::vector<Exchange> Archive::exchanges() const {
  SqliteStatement statement(db_, path_,
                            "SELECT service, request_hash, request, status, response FROM exchanges ORDER BY seq");
  std::vector<Exchange> all;
  while (statement.step()) {
    all.push_back({statement.column_text(0), statement.column_text(1), statement.column_text(2),
                   statement.column_int64(3), statement.column_text(4)});
  }
  return all;
}

}  // namespace kevo::population
