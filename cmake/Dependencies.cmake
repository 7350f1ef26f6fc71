# Finds the Debian packages psorsim builds on (see scripts/install-deps):
# SUNDIALS CVODE with the dense and KLU linear solvers, SuiteSparse KLU,
# jansson (JSON), libyaml (trial files), NLopt (calibration), cairo and zlib (plots). Sets PSORSIM_DEP_LIBS and PSORSIM_DEP_INCLUDES.
find_package(PkgConfig REQUIRED)

find_path(SUNDIALS_INCLUDE_DIR cvode/cvode.h REQUIRED)
set(PSORSIM_SUNDIALS_COMPONENTS cvode nvecserial sunmatrixdense sunlinsoldense
  sunmatrixsparse sunlinsolklu)
set(PSORSIM_DEP_LIBS "")
foreach(comp ${PSORSIM_SUNDIALS_COMPONENTS})
  find_library(SUNDIALS_${comp}_LIB sundials_${comp} REQUIRED)
  list(APPEND PSORSIM_DEP_LIBS ${SUNDIALS_${comp}_LIB})
endforeach()
find_path(KLU_INCLUDE_DIR klu.h PATH_SUFFIXES suitesparse REQUIRED)
find_library(KLU_LIB klu REQUIRED)
list(APPEND PSORSIM_DEP_LIBS ${KLU_LIB})

pkg_check_modules(JANSSON REQUIRED IMPORTED_TARGET jansson)
list(APPEND PSORSIM_DEP_LIBS PkgConfig::JANSSON)

pkg_check_modules(YAML REQUIRED IMPORTED_TARGET yaml-0.1)
list(APPEND PSORSIM_DEP_LIBS PkgConfig::YAML)

pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo)
list(APPEND PSORSIM_DEP_LIBS PkgConfig::CAIRO)

# zlib: the report's PNG encoder (src/report/png.c).
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
list(APPEND PSORSIM_DEP_LIBS PkgConfig::ZLIB)

pkg_check_modules(GSL REQUIRED IMPORTED_TARGET gsl)
list(APPEND PSORSIM_DEP_LIBS PkgConfig::GSL)

# NLopt: derivative-free bounded optimisers for `psorsim calibrate` (src/calib/).
pkg_check_modules(NLOPT REQUIRED IMPORTED_TARGET nlopt)
list(APPEND PSORSIM_DEP_LIBS PkgConfig::NLOPT)

# Random123 is header-only (counter-based RNG for virtual patients).
find_path(RANDOM123_INCLUDE_DIR Random123/philox.h REQUIRED)

find_package(OpenMP REQUIRED COMPONENTS C)
list(APPEND PSORSIM_DEP_LIBS OpenMP::OpenMP_C)

set(PSORSIM_DEP_INCLUDES ${SUNDIALS_INCLUDE_DIR} ${KLU_INCLUDE_DIR} ${RANDOM123_INCLUDE_DIR})

pkg_check_modules(CMOCKA IMPORTED_TARGET cmocka)
