# Cross toolchain for the RP2040 (Cortex-M0+): arm-none-eabi-gcc with picolibc
# (ports/cortex-m/toolchain.cmake). Selected automatically by the top-level CMakeLists.txt
# when PORT=rp2040.
set(CORTEX_M_CPU_FLAGS "-mcpu=cortex-m0plus -mthumb")
include(${CMAKE_CURRENT_LIST_DIR}/../cortex-m/toolchain.cmake)
