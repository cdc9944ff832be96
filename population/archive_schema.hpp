#pragma once
// The archive's schema as an ordered list of migrations. A file records the
// last migration applied in schema_version; opening applies the rest in one
// transaction, so re-opening is a no-op, an interrupted migration is simply
// retried, and two processes opening a new file at once cannot both migrate.
#include <span>
#include <string_view>

namespace kevo::population {

struct Migration {
  int version;           // 1, 2, 3, ... in order, never reused
  std::string_view sql;  // one or more statements; no values, only DDL
};

std::span<const Migration> archive_migrations();

}  // namespace kevo::population
