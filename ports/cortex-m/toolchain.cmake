# Cross toolchain for the Cortex-M ports: arm-none-eabi-gcc with picolibc. A port's own
# toolchain.cmake sets CORTEX_M_CPU_FLAGS (-mcpu=... -mthumb) and includes this file.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
set(CMAKE_OBJCOPY arm-none-eabi-objcopy CACHE FILEPATH "")
set(CMAKE_SIZE arm-none-eabi-size CACHE FILEPATH "")
# Compiler checks cannot link a program before the port's startup code exists.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# picolibc instead of newlib-nano: about half the size. Sections per function and per object
# let the linker drop whatever the firmware does not call. -g costs no flash (debug
# information stays in the ELF) and keeps the firmware debuggable; make size reads it to
# put each linked symbol in its layer.
set(CMAKE_C_FLAGS_INIT "${CORTEX_M_CPU_FLAGS} --specs=picolibc.specs -Os -g -ffunction-sections -fdata-sections")
set(CMAKE_C_FLAGS_RELEASE_INIT "-Os")
set(CMAKE_C_FLAGS_MINSIZEREL_INIT "-Os")
set(CMAKE_C_FLAGS_DEBUG_INIT "-Og -g")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostartfiles -Wl,--gc-sections")
# Link-time optimisation: the core's small functions are inlined across files and layers,
# and the empty exit hook of the stack check (-finstrument-functions, see cortex-m.cmake)
# disappears, which gives back tail calls and leaf functions: 20 KB less flash (docs/porting.md).
set(CMAKE_INTERPROCEDURAL_OPTIMIZATION ON)

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
