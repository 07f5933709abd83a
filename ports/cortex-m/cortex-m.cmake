# What the Cortex-M ports (mps2-an385, rp2040) share: the HAL files here, which depend on
# neither the chip nor the architecture version, or keep the ARMv6-M/ARMv7-M differences
# under #if. A port includes this file, lists the shared files it uses among its own HAL
# sources as ${CORTEX_M_DIR}/FILE.c (in the same list: the order of the sources decides the
# firmware's layout, and so its padding), and puts CORTEX_M_DIR and its own folder on its HAL
# library's include path: the shared files include the port's "port.h".
set(CORTEX_M_DIR ${CMAKE_CURRENT_LIST_DIR})
