# Finds kevo's dependencies. Optional ones (CUDA, HIP, MPI) switch features off
# when absent; they never fail the configure step.
find_package(Threads REQUIRED)
find_package(nlohmann_json 3 REQUIRED)

if(KEVO_STATIC_DEPS)
  set(_kevo_saved_suffixes ${CMAKE_FIND_LIBRARY_SUFFIXES})
  set(CMAKE_FIND_LIBRARY_SUFFIXES .a)
endif()

find_library(KEVO_YAML_CPP_LIB NAMES yaml-cpp REQUIRED)
find_path(KEVO_YAML_CPP_INCLUDE yaml-cpp/yaml.h REQUIRED)
find_library(KEVO_SQLITE3_LIB NAMES sqlite3 REQUIRED)
find_path(KEVO_SQLITE3_INCLUDE sqlite3.h REQUIRED)
find_library(KEVO_PROGRAM_OPTIONS_LIB NAMES boost_program_options REQUIRED)
find_path(KEVO_BOOST_INCLUDE boost/program_options.hpp REQUIRED)

if(KEVO_STATIC_DEPS)
  set(CMAKE_FIND_LIBRARY_SUFFIXES ${_kevo_saved_suffixes})
endif()

add_library(kevo::yaml-cpp INTERFACE IMPORTED)
target_link_libraries(kevo::yaml-cpp INTERFACE ${KEVO_YAML_CPP_LIB})
target_include_directories(kevo::yaml-cpp INTERFACE ${KEVO_YAML_CPP_INCLUDE})

add_library(kevo::sqlite3 INTERFACE IMPORTED)
target_link_libraries(kevo::sqlite3 INTERFACE ${KEVO_SQLITE3_LIB} ${CMAKE_DL_LIBS} Threads::Threads)
target_include_directories(kevo::sqlite3 INTERFACE ${KEVO_SQLITE3_INCLUDE})

add_library(kevo::program_options INTERFACE IMPORTED)
target_link_libraries(kevo::program_options INTERFACE ${KEVO_PROGRAM_OPTIONS_LIB})
target_include_directories(kevo::program_options INTERFACE ${KEVO_BOOST_INCLUDE})

# Optional back ends: detected, reported, never required.
include(CheckLanguage)
find_package(CUDAToolkit QUIET)
set(KEVO_HAVE_CUDA ${CUDAToolkit_FOUND})
find_library(KEVO_HIPRTC_LIB NAMES hiprtc amdhip64)
if(KEVO_HIPRTC_LIB)
  set(KEVO_HAVE_HIP ON)
else()
  set(KEVO_HAVE_HIP OFF)
endif()
if(KEVO_WITH_MPI)
  set(MPI_CXX_SKIP_MPICXX ON)  # the C API is all kevo calls: no libmpi_cxx at run time
  find_package(MPI QUIET COMPONENTS CXX)
  set(KEVO_HAVE_MPI ${MPI_CXX_FOUND})
else()
  set(KEVO_HAVE_MPI OFF)
endif()
message(STATUS "kevo back ends: CUDA=${KEVO_HAVE_CUDA} HIP=${KEVO_HAVE_HIP} MPI=${KEVO_HAVE_MPI} static-deps=${KEVO_STATIC_DEPS}")
