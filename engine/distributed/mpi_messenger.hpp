#pragma once
// The MPI side of a distributed campaign. kevo is started once per rank by
// mpirun or srun; launched_by_mpi() tells from the launcher's environment,
// and connect_mpi() joins the job (MPI_Init_thread) and returns the rank's
// Messenger with its place in the job. A build without MPI reports that
// clearly instead of running N unaware copies of one campaign.
#include <memory>
#include <string>

#include "engine/distributed/messenger.hpp"
#include "engine/distributed/rank_layout.hpp"

namespace kevo::engine {

bool launched_by_mpi();
// A warning when the launcher bound this process to a single core ("" when not).
std::string core_binding_warning();

struct MpiConnection {
  std::unique_ptr<Messenger> messenger;  // knows the rank and the job's size
  int local_rank = 0;                    // among the ranks on this host
};
// Throws std::runtime_error when kevo was built without MPI.
MpiConnection connect_mpi();

}  // namespace kevo::engine
