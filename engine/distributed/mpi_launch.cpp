#include <cstdlib>

#include "engine/distributed/mpi_messenger.hpp"

namespace kevo::engine {

// OpenMPI's mpirun, and PMIx/PMI launchers (Slurm's srun, MPICH's hydra).
bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

}  // namespace kevo::engine
