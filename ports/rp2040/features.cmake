# What the Raspberry Pi Pico has, for the top-level build. No radio and no Ethernet: the
# network commands stay out of the firmware (an ESP-AT modem on UART1 will bring a network).
set(UPYOS_NETWORK_DEFAULT OFF)
set(UPYOS_LEAVE_OUT_DEFAULT "")
# Python: as on mps2-an385, the interpreter does not fit the firmware's flash budget yet.
set(UPYOS_PYTHON_DEFAULT OFF)
set(UPYOS_PY_HEAP_DEFAULT 65536)
set(UPYOS_PY_STACK_DEFAULT 16384)
set(UPYOS_PY_FRAME_STACK_DEFAULT 512)
# TLS: no network, so no mbedTLS.
set(UPYOS_TLS_DEFAULT OFF)
