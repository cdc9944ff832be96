#include <sched.h>

#include <cstdlib>
#include <thread>

#include "engine/distributed/mpi_messenger.hpp"

namespace kevo::engine {

// OpenMPI's mpirun, and PMIx/PMI launchers (Slurm's srun, MPICH's hydra).
bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

// OpenMPI binds each rank to one core when it starts one or two ranks; a
// kevo rank compiles, draws inputs and checks outputs on several threads,
// and bound to a core it runs at half speed or worse (seen on the H200s).
std::string core_binding_warning() {
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return "";
  const int usable = CPU_COUNT(&allowed);
  const unsigned machine = std::thread::hardware_concurrency();
  if (usable > 1 || machine <= 1) return "";
  return "this rank may use 1 of " + std::to_string(machine) +
         " cores; kevo's compiles and checks run on several threads: start it with 'mpirun --bind-to none' "
         "(Slurm: --cpus-per-task and --cpu-bind=none)";
}

}  // namespace kevo::engine
