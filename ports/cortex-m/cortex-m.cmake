# What the Cortex-M ports (mps2-an385, rp2040) share: the HAL files here, which depend on
# neither the chip nor the architecture version, or keep the ARMv6-M/ARMv7-M differences
# under #if. A port includes this file, lists the shared files it uses among its own HAL
# sources as ${CORTEX_M_DIR}/FILE.c (in the same list: the order of the sources decides the
# firmware's layout, and so its padding), and puts CORTEX_M_DIR and its own folder on its HAL
# library's include path: the shared files include the port's "port.h". For its firmware it
# calls cortex_m_stack_check() and cortex_m_embed_rootfs() below.
set(CORTEX_M_DIR ${CMAKE_CURRENT_LIST_DIR})

# Every function of the core checks its stack on entry (sched.c, STACK_RESERVE): frames of a
# kilobyte and more (path buffers, the shell) would jump over any affordable guard. py/ keeps
# its plain build: it bounds its own C stack (py_set_cstack_size, which the shell sets from the
# thread's stack), and the entry check would slow its dispatch loop.
function(cortex_m_stack_check)
  foreach(layer ${UPYOS_LAYER_LIBRARIES})
    if(NOT layer STREQUAL "upyos_py")
      target_compile_options(${layer} PRIVATE -finstrument-functions)
    endif()
  endforeach()
endfunction()

# rootfs/ compiled in (embed_rootfs.cmake): what a blank flash is filled with, and the RAM root
# a board boots from when its filesystem cannot be mounted. Only what the board can use: its
# own board file (etc/boards/BOARD.board), not the simulator's radio, the web pages only when
# the network is linked, and Python programs only when Python is. Sets OUT_VAR to the
# generated C file, a source of the firmware.
function(cortex_m_embed_rootfs out_var board)
  set(image ${CMAKE_CURRENT_BINARY_DIR}/rootfs_image.c)
  set(leave_out "^etc/wifi-sim[.]json")
  if(NOT UPYOS_NETWORK)
    string(APPEND leave_out "|^www/")
  endif()
  if(NOT UPYOS_PYTHON)
    string(APPEND leave_out "|[.]py$")     # programs this firmware cannot run
  endif()
  file(GLOB_RECURSE files CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/rootfs/*)
  add_custom_command(
    OUTPUT ${image}
    COMMAND ${CMAKE_COMMAND} -DROOT=${CMAKE_SOURCE_DIR}/rootfs -DOUT=${image}
            -DBOARD=${board} "-DLEAVE_OUT=${leave_out}" -P ${CORTEX_M_DIR}/embed_rootfs.cmake
    DEPENDS ${files} ${CORTEX_M_DIR}/embed_rootfs.cmake
    COMMENT "Embedding rootfs/" VERBATIM)
  set(${out_var} ${image} PARENT_SCOPE)
endfunction()
