# Building upyOS-C program modules: one C file -> one module file, for the host (posix
# simulator: an ELF shared object the kernel loads with the host's loader). Usable from any
# CMake project:
#     include(path/to/sdk/upyos_module.cmake)
#     upyos_add_module(hello hello.c)          # writes ${CMAKE_BINARY_DIR}/modules/hello
# or without CMake: make sdk-example SRC=hello.c
#
# The module sees only sdk/upyos.h: no C runtime is linked in (-nostdlib), its own symbols stay
# hidden except main and upyos_stack_size, and anything it calls that the kernel does not export
# is refused when it is loaded.
get_filename_component(UPYOS_SDK_DIR ${CMAKE_CURRENT_LIST_DIR} ABSOLUTE)
set(UPYOS_MODULE_FLAGS -std=c11 -O2 -g0 -fPIC -shared -nostdlib -fvisibility=hidden
    -fno-stack-protector -Wall -Wextra -Werror -Wno-unused-parameter -I${UPYOS_SDK_DIR})

function(upyos_add_module name source)
  get_filename_component(src ${source} ABSOLUTE)
  set(out ${CMAKE_BINARY_DIR}/modules/${name})
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/modules
    COMMAND ${CMAKE_C_COMPILER} ${UPYOS_MODULE_FLAGS} -o ${out} ${src}
    DEPENDS ${src} ${UPYOS_SDK_DIR}/upyos.h
    COMMENT "Building module ${name}")
  add_custom_target(module_${name} ALL DEPENDS ${out})
endfunction()
