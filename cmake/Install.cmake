# cmake/Install.cmake
#
# What `cmake --install build [--prefix P]` puts in place (GNU layout):
#   bin/psorsim                              the command (RUNPATH $ORIGIN/../lib)
#   lib/libpsorsim{,_report,_calib}.so.*     the libraries, versioned
#   include/psorsim/*.h                      the public headers (psorsim.h: all)
#   lib/pkgconfig/psorsim{,-report,-calib}.pc
#   lib/cmake/psorsim/psorsimConfig*.cmake   find_package(psorsim): targets
#                                            psorsim::psorsim, psorsim::report,
#                                            psorsim::calib
# (lib is CMAKE_INSTALL_LIBDIR, e.g. lib/x86_64-linux-gnu under /usr.)
include(CMakePackageConfigHelpers)

# Relative paths from bin/ and from the library directory, so an installed
# tree can be moved (and --prefix chosen at install time) without breaking
# the command's search for its libraries. No RUNPATH when the library
# directory is one the loader searches anyway (/usr/lib/x86_64-linux-gnu).
file(RELATIVE_PATH PSORSIM_BIN_TO_LIB /psr/${CMAKE_INSTALL_BINDIR} /psr/${CMAKE_INSTALL_LIBDIR})
list(FIND CMAKE_C_IMPLICIT_LINK_DIRECTORIES "${CMAKE_INSTALL_FULL_LIBDIR}" PSORSIM_LIBDIR_IS_SYSTEM)
if(PSORSIM_LIBDIR_IS_SYSTEM EQUAL -1)
  set_target_properties(psorsim PROPERTIES INSTALL_RPATH "$ORIGIN/${PSORSIM_BIN_TO_LIB}")
  set_target_properties(psorsim_report psorsim_calib PROPERTIES INSTALL_RPATH "$ORIGIN")
endif()

install(TARGETS psorsim_lib psorsim_report psorsim_calib EXPORT psorsimTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS psorsim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/include/psorsim DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h")

# CMake package: psorsimConfig.cmake includes the exported targets.
set(PSORSIM_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/psorsim)
install(EXPORT psorsimTargets NAMESPACE psorsim:: DESTINATION ${PSORSIM_CMAKE_DIR})
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/psorsimConfig.cmake.in
  ${CMAKE_BINARY_DIR}/psorsimConfig.cmake INSTALL_DESTINATION ${PSORSIM_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/psorsimConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/psorsimConfig.cmake ${CMAKE_BINARY_DIR}/psorsimConfigVersion.cmake
  DESTINATION ${PSORSIM_CMAKE_DIR})

# pkg-config files. They carry absolute paths, so they are written when the
# install runs, with the prefix it installs into (cmake --install --prefix).
# One per library: psorsim (core), psorsim-report, psorsim-calib.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(PSORSIM_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
else()
  set(PSORSIM_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
endif()
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(PSORSIM_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  set(PSORSIM_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
set(PSORSIM_PC_VERSION ${PROJECT_VERSION})

# psr_pkg_config(FILE NAME DESCRIPTION LIB REQUIRES REQUIRES_PRIVATE LIBS_PRIVATE)
function(psr_pkg_config file name description lib requires requires_private libs_private)
  set(PSORSIM_PC_NAME "${name}")
  set(PSORSIM_PC_DESCRIPTION "${description}")
  set(PSORSIM_PC_LIB "${lib}")
  set(PSORSIM_PC_REQUIRES "${requires}")
  set(PSORSIM_PC_REQUIRES_PRIVATE "${requires_private}")
  set(PSORSIM_PC_LIBS_PRIVATE "${libs_private}")
  set(PSORSIM_PC_PREFIX "@PSORSIM_PC_PREFIX@") # filled in at install time
  configure_file(${CMAKE_SOURCE_DIR}/cmake/psorsim.pc.in ${CMAKE_BINARY_DIR}/pc/${file}.pc.in @ONLY)
  install(CODE "set(PSORSIM_PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
configure_file(\"${CMAKE_BINARY_DIR}/pc/${file}.pc.in\" \"${CMAKE_BINARY_DIR}/pc/${file}.pc\" @ONLY)")
  install(FILES ${CMAKE_BINARY_DIR}/pc/${file}.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endfunction()

psr_pkg_config(psorsim psorsim
  "In-silico psoriasis trial simulator: disease model, treatments, virtual trials"
  psorsim "" "${PSORSIM_CORE_PC_REQUIRES}" "${PSORSIM_CORE_PC_LIBS}")
psr_pkg_config(psorsim-report psorsim-report
  "psorsim report writers: trial.json, CSV tables, report.html with plots"
  psorsim_report "psorsim = ${PROJECT_VERSION}" "${PSORSIM_REPORT_PC_REQUIRES}" "")
psr_pkg_config(psorsim-calib psorsim-calib
  "psorsim calibration: potency and mechanism fits, NB-UVB patient fits"
  psorsim_calib "psorsim = ${PROJECT_VERSION}" "${PSORSIM_CALIB_PC_REQUIRES}" "")
