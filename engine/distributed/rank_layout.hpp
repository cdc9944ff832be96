#pragma once
// RankLayout: where this process sits in a distributed campaign (one MPI rank
// per device) and what follows from it: which islands it runs, which device
// it measures on, which archive shard it writes. A single-process run is the
// layout of size 1, so the rest of the engine has one code path.
#include <filesystem>
#include <string>
#include <vector>

namespace kevo::engine {

struct RankLayout {
  int rank = 0;
  int size = 1;
  int local_rank = 0;  // among the ranks on this host: picks its GPU for "cuda:local"
  int islands_per_rank = 1;

  bool distributed() const { return size > 1; }
  int global_islands() const { return size * islands_per_rank; }
  int first_island() const { return rank * islands_per_rank; }
  int rank_of_island(int island) const { return island / islands_per_rank; }
};

// The device this rank measures on: devices[rank % devices.size()], where
// "cuda:local" means the GPU of this rank's index on its host.
std::string device_for_rank(const std::vector<std::string>& devices, const RankLayout& layout);

// The archive this rank writes: <run_dir>/archive.sqlite for one process,
// <run_dir>/shards/rank-<r>.sqlite for each rank of a distributed run.
std::filesystem::path shard_path(const std::filesystem::path& run_dir, const RankLayout& layout);
// Where a rank other than 0 writes its progress: beside its shard, as .log.
std::filesystem::path rank_log_path(const std::filesystem::path& run_dir, const RankLayout& layout);
// Every archive of a run, in rank order: the single archive, or all shards
// (also those of ranks a resumed run no longer has).
std::vector<std::filesystem::path> run_archives(const std::filesystem::path& run_dir);
bool is_sharded_run(const std::filesystem::path& run_dir);

}  // namespace kevo::engine
