# mbedTLS, for TLS (net/tls.c) and release signatures (upgrade): one INTERFACE target,
# upyos_mbedtls, that a layer links when UPYOS_TLS is on.
# On the posix port it is Debian's libmbedtls-dev (2.28). A port without it (the MCU ports,
# until the build makes mbedTLS from Debian's source package for them) turns UPYOS_TLS off in
# its features.cmake; code that needs it then says "this build has no TLS".
add_library(upyos_mbedtls INTERFACE)
if(UPYOS_TLS)
  find_path(MBEDTLS_INCLUDE_DIR mbedtls/ssl.h)
  find_library(MBEDTLS_LIBRARY mbedtls)
  find_library(MBEDX509_LIBRARY mbedx509)
  find_library(MBEDCRYPTO_LIBRARY mbedcrypto)
  if(NOT MBEDTLS_INCLUDE_DIR OR NOT MBEDTLS_LIBRARY OR NOT MBEDX509_LIBRARY OR NOT MBEDCRYPTO_LIBRARY)
    message(FATAL_ERROR "UPYOS_TLS needs mbedTLS (Debian: apt-get install libmbedtls-dev), "
                        "or configure with -DUPYOS_TLS=OFF")
  endif()
  target_include_directories(upyos_mbedtls INTERFACE ${MBEDTLS_INCLUDE_DIR})
  target_link_libraries(upyos_mbedtls INTERFACE ${MBEDTLS_LIBRARY} ${MBEDX509_LIBRARY}
                        ${MBEDCRYPTO_LIBRARY})
  target_compile_definitions(upyos_mbedtls INTERFACE UPYOS_TLS=1)
endif()
