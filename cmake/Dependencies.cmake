# cmake/Dependencies.cmake
#
# Finds the Debian packages psorsim builds on (see scripts/install-deps) and
# sorts them by the library that needs them, so that the core library links
# neither cairo nor NLopt:
#   PSORSIM_CORE_DEPS    libpsorsim: SUNDIALS CVODE with the dense and KLU
#                        linear solvers, SuiteSparse KLU, jansson (JSON),
#                        libyaml (trial files), GSL (statistics), OpenMP
#   PSORSIM_REPORT_DEPS  libpsorsim_report: cairo and zlib (plots), jansson
#   PSORSIM_CALIB_DEPS   libpsorsim_calib: NLopt (optimisers), GSL
#   PSORSIM_DEP_INCLUDES the include directories of the header-only or
#                        non-pkg-config packages (SUNDIALS, KLU, Random123)
# and, for the pkg-config files of the installed library (cmake/psorsim.pc.in),
# the private requirements of each library:
#   PSORSIM_CORE_PC_REQUIRES, PSORSIM_CORE_PC_LIBS, PSORSIM_REPORT_PC_REQUIRES,
#   PSORSIM_CALIB_PC_REQUIRES.
# Also PSORSIM_SUNDIALS_VERSION_MAJOR (6 on Debian 12, 7 on Debian 13).
find_package(PkgConfig REQUIRED)

# SUNDIALS: no pkg-config files on Debian; find the headers and the libraries.
find_path(SUNDIALS_INCLUDE_DIR cvode/cvode.h REQUIRED)
set(PSORSIM_SUNDIALS_COMPONENTS cvode nvecserial sunmatrixdense sunlinsoldense
  sunmatrixsparse sunlinsolklu)
set(PSORSIM_CORE_DEPS "")
set(PSORSIM_CORE_PC_LIBS "")
foreach(comp ${PSORSIM_SUNDIALS_COMPONENTS})
  find_library(SUNDIALS_${comp}_LIB sundials_${comp} REQUIRED)
  list(APPEND PSORSIM_CORE_DEPS ${SUNDIALS_${comp}_LIB})
  string(APPEND PSORSIM_CORE_PC_LIBS " -lsundials_${comp}")
endforeach()
# SUNDIALS 7 splits its shared core (contexts, error handling, logging) into
# libsundials_core; SUNDIALS 6 has none.
find_library(SUNDIALS_core_LIB sundials_core)
if(SUNDIALS_core_LIB)
  list(APPEND PSORSIM_CORE_DEPS ${SUNDIALS_core_LIB})
  string(APPEND PSORSIM_CORE_PC_LIBS " -lsundials_core")
endif()
file(STRINGS ${SUNDIALS_INCLUDE_DIR}/sundials/sundials_config.h PSORSIM_SUNDIALS_VERSION_LINE
  REGEX "#define SUNDIALS_VERSION_MAJOR")
string(REGEX REPLACE ".*MAJOR +([0-9]+).*" "\\1" PSORSIM_SUNDIALS_VERSION_MAJOR
  "${PSORSIM_SUNDIALS_VERSION_LINE}")
if(PSORSIM_SUNDIALS_VERSION_MAJOR LESS 6 OR PSORSIM_SUNDIALS_VERSION_MAJOR GREATER 7)
  message(FATAL_ERROR "psorsim builds on SUNDIALS 6 or 7, found ${PSORSIM_SUNDIALS_VERSION_MAJOR}")
endif()

# SUNDIALS 7 built with MPI (Debian 13) includes <mpi.h> in its headers and
# SUNContext_Create takes a communicator (SUN_COMM_NULL is MPI_COMM_NULL), so
# the engine compiles and links against MPI there; psorsim itself uses none.
file(STRINGS ${SUNDIALS_INCLUDE_DIR}/sundials/sundials_config.h PSORSIM_SUNDIALS_MPI_LINE
  REGEX "^#define SUNDIALS_MPI_ENABLED")
if(PSORSIM_SUNDIALS_VERSION_MAJOR GREATER_EQUAL 7 AND PSORSIM_SUNDIALS_MPI_LINE MATCHES "ENABLED +1")
  find_package(MPI REQUIRED COMPONENTS C)
  list(APPEND PSORSIM_CORE_DEPS MPI::MPI_C)
  foreach(lib ${MPI_C_LIB_NAMES})
    string(APPEND PSORSIM_CORE_PC_LIBS " -l${lib}")
  endforeach()
endif()

# KLU: <klu.h> lives in include/suitesparse/ on Debian 12 and 13.
find_path(KLU_INCLUDE_DIR klu.h PATH_SUFFIXES suitesparse REQUIRED)
find_library(KLU_LIB klu REQUIRED)
list(APPEND PSORSIM_CORE_DEPS ${KLU_LIB})
string(APPEND PSORSIM_CORE_PC_LIBS " -lklu")

pkg_check_modules(JANSSON REQUIRED IMPORTED_TARGET jansson)
pkg_check_modules(YAML REQUIRED IMPORTED_TARGET yaml-0.1)
pkg_check_modules(GSL REQUIRED IMPORTED_TARGET gsl)
list(APPEND PSORSIM_CORE_DEPS PkgConfig::JANSSON PkgConfig::YAML PkgConfig::GSL)
set(PSORSIM_CORE_PC_REQUIRES "jansson yaml-0.1 gsl")

# Random123 is header-only (counter-based RNG for virtual patients).
find_path(RANDOM123_INCLUDE_DIR Random123/philox.h REQUIRED)

find_package(OpenMP REQUIRED COMPONENTS C)
list(APPEND PSORSIM_CORE_DEPS OpenMP::OpenMP_C)
string(APPEND PSORSIM_CORE_PC_LIBS " ${OpenMP_C_FLAGS} -lm")
string(STRIP "${PSORSIM_CORE_PC_LIBS}" PSORSIM_CORE_PC_LIBS)

# cairo draws the report's plots (src/report/plot.c), zlib compresses their
# PNG (src/report/png.c); trial.json is written with jansson.
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo)
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
set(PSORSIM_REPORT_DEPS PkgConfig::CAIRO PkgConfig::ZLIB PkgConfig::JANSSON)
set(PSORSIM_REPORT_PC_REQUIRES "cairo zlib jansson")

# NLopt: derivative-free bounded optimisers for `psorsim calibrate` (src/calib/).
pkg_check_modules(NLOPT REQUIRED IMPORTED_TARGET nlopt)
set(PSORSIM_CALIB_DEPS PkgConfig::NLOPT PkgConfig::GSL)
set(PSORSIM_CALIB_PC_REQUIRES "nlopt gsl")

set(PSORSIM_DEP_INCLUDES ${SUNDIALS_INCLUDE_DIR} ${KLU_INCLUDE_DIR} ${RANDOM123_INCLUDE_DIR})

# cmocka: the unit tests (tests/).
pkg_check_modules(CMOCKA IMPORTED_TARGET cmocka)
