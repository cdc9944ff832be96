#include <sqlite3.h>

#include <fstream>
#include <limits>
#include <stdexcept>

#include "catch_compat.hpp"
#include "population/archive.hpp"
#include "sample_population.hpp"
#include "temp_dir.hpp"

using kevo::population::Archive;
using kevo::population::ArchiveError;
using kevo::population::EvalStatus;
using kevo::population::Evaluation;
using kevo::population::Variant;
using kevo::test::TempDir;

namespace {

template <typename Action>
std::string archive_error_message(Action action) {
  try {
    action();
  } catch (const ArchiveError& error) {
    return error.what();
  }
  return "(no ArchiveError thrown)";
}

// Runs one query on its own connection, to see the file as another process would.
std::string query_text(const std::filesystem::path& db_path, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK);
  std::string result;
  if (sqlite3_step(statement) == SQLITE_ROW) {
    result = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  }
  sqlite3_finalize(statement);
  sqlite3_close_v2(db);
  return result;
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

Variant variant_with_source(const std::string& source) {
  Variant variant = kevo::test::sample_variant();
  variant.source = source;
  return variant;
}

}  // namespace

TEST_CASE("archive stores and finds a variant and its evaluation", "[population][archive]") {
  TempDir dir;
  Archive archive(dir / "archive.sqlite");
  const Variant variant = kevo::test::sample_variant();
  const std::string id = archive.put_variant(variant);
  CHECK(id == variant.content_hash());

  const auto found = archive.find_variant(id);
  REQUIRE(found.has_value());
  CHECK(kevo::test::same_variant(*found, variant));

  const Evaluation evaluation = kevo::test::sample_evaluation(id, "cuda:0:H100");
  archive.put_evaluation(evaluation);
  const auto found_evaluation = archive.find_evaluation(id, "cuda:0:H100");
  REQUIRE(found_evaluation.has_value());
  CHECK(kevo::test::same_evaluation(*found_evaluation, evaluation));

  CHECK_FALSE(archive.find_variant(std::string(64, '0')).has_value());
  CHECK_FALSE(archive.find_evaluation(id, "cpu:0").has_value());
  CHECK(archive.variant_count() == 1);
  CHECK(archive.evaluation_count() == 1);
}

TEST_CASE("archive contents survive closing and re-opening the file", "[population][archive]") {
  TempDir dir;
  const auto path = dir / "archive.sqlite";
  const Variant variant = kevo::test::sample_variant();
  std::string id;
  {
    Archive archive(path);
    id = archive.put_variant(variant);
    archive.put_evaluation(kevo::test::sample_evaluation(id, "cpu:0"));
  }
  Archive reopened(path);
  const auto found = reopened.find_variant(id);
  REQUIRE(found.has_value());
  CHECK(kevo::test::same_variant(*found, variant));
  const auto evaluation = reopened.find_evaluation(id, "cpu:0");
  REQUIRE(evaluation.has_value());
  CHECK(kevo::test::same_evaluation(*evaluation, kevo::test::sample_evaluation(id, "cpu:0")));
  CHECK(reopened.path() == path);
}

TEST_CASE("putting a known variant again is a no-op returning the same id",
          "[population][archive]") {
  TempDir dir;
  Archive archive(dir / "archive.sqlite");
  const Variant first = kevo::test::sample_variant();
  Variant rediscovered = first;
  rediscovered.lineage.operator_name = "knob_mutation";
  rediscovered.lineage.generation = 99;

  const std::string id = archive.put_variant(first);
  CHECK(archive.put_variant(rediscovered) == id);
  CHECK(archive.put_variant(first) == id);
  CHECK(archive.variant_count() == 1);
  // The first lineage is the one kept.
  CHECK(archive.find_variant(id)->lineage.operator_name == "crossover");
  CHECK(archive.find_variant(id)->lineage.generation == 7);
}

TEST_CASE("an evaluation replaces the one for the same variant and device only",
          "[population][archive]") {
  TempDir dir;
  Archive archive(dir / "archive.sqlite");
  const std::string id = archive.put_variant(kevo::test::sample_variant());
  const std::string other_id = archive.put_variant(variant_with_source("// other"));

  archive.put_evaluation(kevo::test::sample_evaluation(id, "cpu:0"));
  archive.put_evaluation(kevo::test::sample_evaluation(id, "cuda:0"));
  archive.put_evaluation(kevo::test::sample_evaluation(other_id, "cpu:0"));
  Evaluation retimed = kevo::test::sample_evaluation(id, "cpu:0");
  retimed.status = EvalStatus::timeout;
  retimed.error = "timed out after 10 s";
  retimed.timings.clear();
  retimed.roofline_fraction.reset();
  archive.put_evaluation(retimed);

  CHECK(archive.evaluation_count() == 3);
  CHECK(kevo::test::same_evaluation(*archive.find_evaluation(id, "cpu:0"), retimed));
  CHECK(kevo::test::same_evaluation(*archive.find_evaluation(id, "cuda:0"),
                                    kevo::test::sample_evaluation(id, "cuda:0")));

  const auto on_cpu = archive.evaluations_for_device("cpu:0");
  REQUIRE(on_cpu.size() == 2);
  CHECK(on_cpu[0].variant_id == id);  // the replacement kept its place
  CHECK(on_cpu[0].status == EvalStatus::timeout);
  CHECK(on_cpu[1].variant_id == other_id);
  CHECK(archive.evaluations_for_device("cuda:0").size() == 1);
  CHECK(archive.evaluations_for_device("hip:0").empty());
}

TEST_CASE("all_variants lists one task's variants in insertion order", "[population][archive]") {
  TempDir dir;
  Archive archive(dir / "archive.sqlite");
  const std::string second_source = "// b";
  const std::string first_id = archive.put_variant(variant_with_source("// z"));
  const std::string second_id = archive.put_variant(variant_with_source(second_source));
  Variant other_task = kevo::test::sample_variant();
  other_task.task = "softmax";
  archive.put_variant(other_task);

  const auto matmul = archive.all_variants("matmul");
  REQUIRE(matmul.size() == 2);
  CHECK(matmul[0].content_hash() == first_id);
  CHECK(matmul[1].content_hash() == second_id);
  CHECK(matmul[1].source == second_source);
  CHECK(archive.all_variants("softmax").size() == 1);
  CHECK(archive.all_variants("unknown").empty());
}

TEST_CASE("a transaction left by an exception leaves nothing behind", "[population][archive]") {
  TempDir dir;
  Archive archive(dir / "archive.sqlite");
  try {
    Archive::Transaction transaction(archive);
    const std::string id = archive.put_variant(kevo::test::sample_variant());
    archive.put_evaluation(kevo::test::sample_evaluation(id, "cpu:0"));
    throw std::runtime_error("evaluation service died");
  } catch (const std::runtime_error&) {
  }
  CHECK(archive.variant_count() == 0);
  CHECK(archive.evaluation_count() == 0);

  // The archive is usable afterwards, and a committed transaction persists.
  {
    Archive::Transaction transaction(archive);
    archive.put_variant(kevo::test::sample_variant());
    transaction.commit();
    CHECK_THROWS_AS(transaction.commit(), ArchiveError);
  }
  CHECK(Archive(dir / "archive.sqlite").variant_count() == 1);
}

TEST_CASE("transactions do not nest", "[population][archive]") {
  TempDir dir;
  Archive archive(dir / "archive.sqlite");
  Archive::Transaction outer(archive);
  CHECK_THROWS_AS(Archive::Transaction(archive), ArchiveError);
}

TEST_CASE("archive file is in WAL mode with the current schema", "[population][archive]") {
  TempDir dir;
  const auto path = dir / "archive.sqlite";
  { Archive archive(path); }
  CHECK(query_text(path, "PRAGMA journal_mode") == "wal");
  const std::string version = query_text(path, "SELECT version FROM schema_version");
  CHECK_FALSE(version.empty());
  // Re-opening migrates nothing and changes nothing.
  { Archive again(path); }
  CHECK(query_text(path, "SELECT version FROM schema_version") == version);
  CHECK(query_text(path, "SELECT count(*) FROM schema_version") == "1");
}

TEST_CASE("an archive from a newer kevo is refused", "[population][archive]") {
  TempDir dir;
  const auto path = dir / "archive.sqlite";
  { Archive archive(path); }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "UPDATE schema_version SET version = 1000", nullptr, nullptr,
                       nullptr) == SQLITE_OK);
  sqlite3_close(db);
  CHECK_THAT(archive_error_message([&] { Archive newer(path); }),
             KEVO_CONTAINS("schema version 1000 is newer"));
}

TEST_CASE("a file that is not SQLite gives an ArchiveError naming it", "[population][archive]") {
  TempDir dir;
  const auto path = dir / "notes.txt";
  write_file(path, std::string(4096, 'x'));
  const std::string message = archive_error_message([&] { Archive archive(path); });
  CHECK_THAT(message, KEVO_CONTAINS(path.string()));
  CHECK_THAT(message, KEVO_CONTAINS("not a database"));
}

TEST_CASE("an unopenable path gives an ArchiveError naming it", "[population][archive]") {
  TempDir dir;
  const auto path = dir / "missing-directory" / "archive.sqlite";
  CHECK_THAT(archive_error_message([&] { Archive archive(path); }),
             KEVO_CONTAINS(path.string()));
}

TEST_CASE("an evaluation of an unknown variant is refused with the SQL",
          "[population][archive]") {
  TempDir dir;
  Archive archive(dir / "archive.sqlite");
  const std::string message = archive_error_message(
      [&] { archive.put_evaluation(kevo::test::sample_evaluation("no-such-variant", "cpu:0")); });
  CHECK_THAT(message, KEVO_CONTAINS("FOREIGN KEY constraint failed"));
  CHECK_THAT(message, KEVO_CONTAINS("INSERT INTO evaluations"));
  CHECK_THAT(message, KEVO_CONTAINS((dir / "archive.sqlite").string()));
  CHECK(archive.evaluation_count() == 0);
}

TEST_CASE("archive keeps NaN and infinite metrics", "[population][archive]") {
  TempDir dir;
  Archive archive(dir / "archive.sqlite");
  const std::string id = archive.put_variant(kevo::test::sample_variant());
  Evaluation evaluation = kevo::test::sample_evaluation(id, "cpu:0");
  evaluation.status = EvalStatus::wrong_result;
  evaluation.max_rel_error = std::numeric_limits<double>::quiet_NaN();
  evaluation.max_abs_error = std::numeric_limits<double>::infinity();
  evaluation.norm_rel_error = 0.0;
  evaluation.timings[0].samples.push_back(std::numeric_limits<double>::quiet_NaN());
  archive.put_evaluation(evaluation);
  CHECK(kevo::test::same_evaluation(*archive.find_evaluation(id, "cpu:0"), evaluation));
}

TEST_CASE("archive keeps sources byte for byte", "[population][archive]") {
  TempDir dir;
  Archive archive(dir / "archive.sqlite");
  const std::string odd_source =
      std::string("a\0b", 3) + "\xff\xfe" + "'); DROP TABLE variants; --\n";
  const std::string id = archive.put_variant(variant_with_source(odd_source));
  CHECK(archive.find_variant(id)->source == odd_source);
  CHECK(archive.variant_count() == 1);
}

TEST_CASE("two archives on one file see each other's commits", "[population][archive]") {
  TempDir dir;
  Archive writer(dir / "archive.sqlite");
  Archive reader(dir / "archive.sqlite");
  const std::string id = writer.put_variant(kevo::test::sample_variant());
  CHECK(reader.find_variant(id).has_value());
}
