# Cross toolchain for the MPS2 AN385 (Cortex-M3): arm-none-eabi-gcc with picolibc
# (ports/cortex-m/toolchain.cmake). Selected automatically by the top-level CMakeLists.txt
# when PORT=mps2-an385.
set(CORTEX_M_CPU_FLAGS "-mcpu=cortex-m3 -mthumb")
include(${CMAKE_CURRENT_LIST_DIR}/../cortex-m/toolchain.cmake)
