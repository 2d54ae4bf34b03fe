# The store (SQLite / PostgreSQL, already linked into rasd_lib) and the HTTP
# server of `rasd serve`. cpp-httplib comes from Debian's libcpp-httplib-dev,
# which in Debian 12 is a compiled shared library (libcpp-httplib.so.0.11) plus
# httplib.h, built with OpenSSL, zlib and brotli support: pkg-config supplies
# the matching CPPHTTPLIB_*_SUPPORT definitions, which must agree with the
# library's or the class layouts differ.
pkg_check_modules(HTTPLIB IMPORTED_TARGET cpp-httplib)
if(HTTPLIB_FOUND)
  target_link_libraries(rasd_lib PUBLIC PkgConfig::HTTPLIB)
  target_compile_definitions(rasd_lib PRIVATE RASD_HAVE_HTTPLIB=1)
else()
  # Header-only copy elsewhere (e.g. a newer upstream httplib.h on the include path).
  find_path(HTTPLIB_HEADER httplib.h)
  if(HTTPLIB_HEADER)
    target_include_directories(rasd_lib PRIVATE ${HTTPLIB_HEADER})
    target_compile_definitions(rasd_lib PRIVATE RASD_HAVE_HTTPLIB=1)
    message(STATUS "rasd: using header-only httplib.h from ${HTTPLIB_HEADER}")
  else()
    message(WARNING "rasd: cpp-httplib not found (apt-get install libcpp-httplib-dev, or run scripts/setup): "
                    "`rasd serve` will be built without its HTTP server")
  endif()
endif()
