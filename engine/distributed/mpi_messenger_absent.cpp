// Built when CMake found no MPI (engine/distributed/mpi_messenger.cpp otherwise).
#include <stdexcept>

#include "engine/distributed/mpi_messenger.hpp"

namespace kevo::engine {

MpiConnection connect_mpi() {
  throw std::runtime_error(
      "kevo was started by an MPI launcher but built without MPI: install libopenmpi-dev "
      "(scripts/install-deps.sh does) and rebuild, or run kevo without mpirun");
}

}  // namespace kevo::engine
