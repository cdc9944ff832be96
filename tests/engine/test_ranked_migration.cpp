// RankedMigration over loopback messengers (ranks as objects of one
// process): migrants reach islands on other ranks, wait for a task that has
// not started there, and are dropped for a task that has ended.
#include <sstream>

#include "catch_compat.hpp"
#include "engine/campaign/campaign.hpp"
#include "engine/distributed/ranked_migration.hpp"

using namespace kevo::engine;

namespace {

Migrant migrant(int from, const std::string& source) {
  kevo::population::Variant variant;
  variant.task = "t";
  variant.source = source;
  return {from, variant};
}

}  // namespace

TEST_CASE("ranked migration: local and remote islands, early and late arrivals", "[distributed]") {
  auto messengers = make_loopback_messengers(2);
  RankedMigration rank0(*messengers[0], {0, 2, 0, 2});  // islands 0, 1
  RankedMigration rank1(*messengers[1], {1, 2, 0, 2});  // islands 2, 3
  auto a0 = rank0.for_task("a");
  auto a1 = rank1.for_task("a");
  CHECK(a0->island_count() == 4);

  a0->send(1, {migrant(0, "local")});   // same rank: a mailbox, no message
  a0->send(3, {migrant(0, "remote")});  // rank 1's second island
  a0->send(2, {});                      // nothing to send: nothing posted
  CHECK(rank0.remote_sent() == 1);
  CHECK(a0->receive(1).front().variant.source == "local");
  const auto arrived = a1->receive(3);
  REQUIRE(arrived.size() == 1);
  CHECK(arrived[0].from_island == 0);
  CHECK(arrived[0].variant.source == "remote");
  CHECK(a1->receive(2).empty());
  CHECK(rank1.remote_received() == 1);

  // Rank 1 is still on task a when rank 0 sends for task b: it waits there.
  auto b0 = rank0.for_task("b");
  b0->send(2, {migrant(1, "early")});
  CHECK(a1->receive(2).empty());
  CHECK(rank1.for_task("b")->receive(2).front().variant.source == "early");

  // Rank 1 has finished task c: a late migrant for it is dropped.
  rank1.task_done("c");
  rank0.for_task("c")->send(2, {migrant(0, "late")});
  CHECK(rank1.for_task("c")->receive(2).empty());
  CHECK_THROWS_AS(a0->send(4, {migrant(0, "x")}), std::out_of_range);
}

TEST_CASE("rank layout: devices, islands and shards per rank", "[distributed]") {
  const RankLayout rank2{2, 3, 1, 2};
  CHECK(rank2.first_island() == 4);
  CHECK(rank2.global_islands() == 6);
  CHECK(rank2.rank_of_island(5) == 2);
  CHECK(device_for_rank({"cuda:0", "cpu"}, rank2) == "cuda:0");
  CHECK(device_for_rank({"cuda:local"}, rank2) == "cuda:1");
  CHECK(shard_path("runs/x", rank2) == std::filesystem::path("runs/x/shards/rank-2.sqlite"));
  CHECK(shard_path("runs/x", RankLayout{}) == std::filesystem::path("runs/x/archive.sqlite"));
}

TEST_CASE("several devices need one rank each: a single process refuses them clearly", "[distributed]") {
  const auto config = parse_campaign("name: c\ntasks: [t]\ndevices: [cpu, cuda:local]\n", "<t>");
  CHECK(config.devices.size() == 2);
  std::ostringstream sink;
  Progress progress(sink, false);
  std::atomic<bool> stop{false};
  kevo::fitness::Context context;
  CHECK_THROWS_WITH(run_campaign(config, context, progress, stop, RunMode::fresh),
                    KEVO_CONTAINS("one MPI rank per device: mpirun -np 2"));
  CHECK_THROWS_WITH(parse_campaign("name: c\ntasks: [t]\ndevices: [gpu7]\n", "<t>"),
                    KEVO_CONTAINS("device 'gpu7' is not a known device"));
}
