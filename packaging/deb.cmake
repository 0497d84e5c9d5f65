# The Debian package: `make package` (or `cpack -G DEB` in a build folder
# configured with -DCMAKE_INSTALL_PREFIX=/usr) writes herald_VERSION_ARCH.deb.
# tests/integration/test_package.py builds it and runs lintian and dpkg-deb.

# Debian wants a gzipped man page, and a changelog and copyright in the docs;
# every install gets them (man reads .gz).
find_program(GZIP_EXECUTABLE gzip REQUIRED)
set(HERALD_PKG_DIR ${CMAKE_BINARY_DIR}/packaging)
file(MAKE_DIRECTORY ${HERALD_PKG_DIR})
add_custom_command(OUTPUT ${HERALD_PKG_DIR}/herald.8.gz ${HERALD_PKG_DIR}/changelog.gz
  COMMAND ${GZIP_EXECUTABLE} -9 -n -c ${CMAKE_SOURCE_DIR}/docs/herald.8 > ${HERALD_PKG_DIR}/herald.8.gz
  COMMAND ${GZIP_EXECUTABLE} -9 -n -c ${CMAKE_SOURCE_DIR}/packaging/debian/changelog > ${HERALD_PKG_DIR}/changelog.gz
  DEPENDS ${CMAKE_SOURCE_DIR}/docs/herald.8 ${CMAKE_SOURCE_DIR}/packaging/debian/changelog)
add_custom_target(herald_pkg_docs ALL DEPENDS ${HERALD_PKG_DIR}/herald.8.gz ${HERALD_PKG_DIR}/changelog.gz)
install(FILES ${HERALD_PKG_DIR}/herald.8.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man8)
install(FILES ${HERALD_PKG_DIR}/changelog.gz packaging/debian/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME herald)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "herald maintainers <maintainers@users.noreply.h-seed-c3d02323.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "answers questions about HER2-positive breast cancer")
# The synopsis is the summary above; this is the long description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "herald is a small daemon that answers questions about HER2-positive breast
cancer (testing, treatments, side effects, support) in plain language, with
sources, over WebSocket and HTTP, for patient portals and voice clients.
Every message first passes a fixed safety check. It is extended with
sandboxed Lua plugins and intent files.")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# libwebsockets loads its libuv event library as a plugin, which
# dpkg-shlibdeps cannot see. procps ships /bin/kill, which the unit's
# ExecReload runs (`systemctl reload herald` fails with 203/EXEC without it,
# as on a minimal Debian: test_package_systemd).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libwebsockets-evlib-uv, procps")
# The voice path's acoustic model and dictionary are data, not a library;
# without them herald serves typed questions only (docs/voice.md).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "pocketsphinx-en-us")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${CMAKE_SOURCE_DIR}/packaging/debian/conffiles
  ${CMAKE_SOURCE_DIR}/packaging/debian/postinst
  ${CMAKE_SOURCE_DIR}/packaging/debian/prerm
  ${CMAKE_SOURCE_DIR}/packaging/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
include(CPack)
