# cmake -DSRC=file.c -DOUT=module [-DCC=cc] -P sdk/build_module.cmake: one C file into a module,
# with the flags of upyos_add_module (what `make sdk-example SRC=...` runs).
include(${CMAKE_CURRENT_LIST_DIR}/upyos_module.cmake)
if(NOT CC)
  set(CC cc)
endif()
get_filename_component(dir ${OUT} DIRECTORY)
file(MAKE_DIRECTORY ${dir})
execute_process(COMMAND ${CC} ${UPYOS_MODULE_FLAGS} -o ${OUT} ${SRC} RESULT_VARIABLE r)
if(NOT r EQUAL 0)
  message(FATAL_ERROR "module ${SRC} did not build")
endif()
message(STATUS "module: ${OUT}")
