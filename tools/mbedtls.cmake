# mbedTLS, for TLS (net/tls.c) and release signatures (lib/signature.c, upgrade): one
# INTERFACE target, upyos_mbedtls, that a layer links. Two port features use it:
#   UPYOS_SIGNATURE  release signatures: ECDSA P-256 verify and SHA-256 (defines UPYOS_SIGNATURE)
#   UPYOS_TLS        TLS connections, which need all of mbedTLS (defines UPYOS_TLS)
# On the posix port it is Debian's libmbedtls-dev (2.28), linked from its static archives. The MCU ports compile the part
# signatures need from Debian's `mbedtls` source package, which tools/deps.sh unpacks into
# $UPYOS_DEPS_CACHE (default ~/.cache/upyos; never into the tree), with the configuration
# tools/mbedtls/signature_config.h; TLS stays off there. A port without either feature turns
# it off in its features.cmake; code that needs it then says "this build has no TLS".
add_library(upyos_mbedtls INTERFACE)
if(UPYOS_TLS AND CMAKE_CROSSCOMPILING)
  message(FATAL_ERROR "UPYOS_TLS: the MCU ports build only the signature part of mbedTLS "
                      "(UPYOS_SIGNATURE); configure with -DUPYOS_TLS=OFF")
endif()
if(CMAKE_CROSSCOMPILING AND UPYOS_SIGNATURE)
  if(DEFINED ENV{UPYOS_DEPS_CACHE})
    set(UPYOS_DEPS_CACHE $ENV{UPYOS_DEPS_CACHE})
  elseif(DEFINED ENV{XDG_CACHE_HOME})
    set(UPYOS_DEPS_CACHE $ENV{XDG_CACHE_HOME}/upyos)
  else()
    set(UPYOS_DEPS_CACHE $ENV{HOME}/.cache/upyos)
  endif()
  file(GLOB MBEDTLS_SOURCE_DIRS LIST_DIRECTORIES true ${UPYOS_DEPS_CACHE}/mbedtls-*)
  list(SORT MBEDTLS_SOURCE_DIRS)
  list(POP_BACK MBEDTLS_SOURCE_DIRS MBEDTLS_SOURCE_DIR)
  set(MBEDTLS_SOURCE_DIR ${MBEDTLS_SOURCE_DIR} CACHE PATH "Debian's mbedtls source package")
  if(NOT EXISTS ${MBEDTLS_SOURCE_DIR}/library/ecdsa.c)
    message(FATAL_ERROR "UPYOS_SIGNATURE needs mbedTLS's source in ${UPYOS_DEPS_CACHE} "
                        "(tools/deps.sh: apt-get source mbedtls), or -DUPYOS_SIGNATURE=OFF")
  endif()
  set(MBEDTLS_SIGNATURE_SOURCES asn1parse.c asn1write.c base64.c bignum.c constant_time.c
      ecdsa.c ecp.c ecp_curves.c md.c oid.c pem.c pk.c pk_wrap.c pkparse.c pkwrite.c
      platform_util.c sha256.c)
  list(TRANSFORM MBEDTLS_SIGNATURE_SOURCES PREPEND ${MBEDTLS_SOURCE_DIR}/library/)
  add_library(upyos_mbedcrypto STATIC ${MBEDTLS_SIGNATURE_SOURCES})
  target_include_directories(upyos_mbedcrypto PUBLIC ${MBEDTLS_SOURCE_DIR}/include
                             ${CMAKE_SOURCE_DIR}/tools/mbedtls)
  target_compile_definitions(upyos_mbedcrypto PUBLIC
                             MBEDTLS_CONFIG_FILE="signature_config.h")
  target_compile_options(upyos_mbedcrypto PRIVATE -w)   # not our code: its warnings are upstream's
  target_link_libraries(upyos_mbedtls INTERFACE upyos_mbedcrypto)
  target_compile_definitions(upyos_mbedtls INTERFACE UPYOS_SIGNATURE=1)
elseif(UPYOS_TLS OR UPYOS_SIGNATURE)
  find_path(MBEDTLS_INCLUDE_DIR mbedtls/ssl.h)
  # The static archives of the same package when it has them: three shared objects fewer for
  # the dynamic loader to map and relocate at every start, 0.2 ms of the simulator's 1.4 ms
  # boot to the prompt (bench/boot_bench.py).
  find_library(MBEDTLS_LIBRARY NAMES libmbedtls.a mbedtls)
  find_library(MBEDX509_LIBRARY NAMES libmbedx509.a mbedx509)
  find_library(MBEDCRYPTO_LIBRARY NAMES libmbedcrypto.a mbedcrypto)
  if(NOT MBEDTLS_INCLUDE_DIR OR NOT MBEDTLS_LIBRARY OR NOT MBEDX509_LIBRARY OR NOT MBEDCRYPTO_LIBRARY)
    message(FATAL_ERROR "UPYOS_TLS needs mbedTLS (Debian: apt-get install libmbedtls-dev), "
                        "or configure with -DUPYOS_TLS=OFF -DUPYOS_SIGNATURE=OFF")
  endif()
  target_include_directories(upyos_mbedtls INTERFACE ${MBEDTLS_INCLUDE_DIR})
  target_link_libraries(upyos_mbedtls INTERFACE ${MBEDTLS_LIBRARY} ${MBEDX509_LIBRARY}
                        ${MBEDCRYPTO_LIBRARY})
  if(UPYOS_SIGNATURE)
    target_compile_definitions(upyos_mbedtls INTERFACE UPYOS_SIGNATURE=1)
  endif()
  if(UPYOS_TLS)
    target_compile_definitions(upyos_mbedtls INTERFACE UPYOS_TLS=1)
  endif()
endif()
