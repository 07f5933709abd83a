# What the Raspberry Pi Pico has, for the top-level build. No radio and no Ethernet: the
# network commands stay out of the firmware (an ESP-AT modem on UART1 will bring a network).
set(UPYOS_NETWORK_DEFAULT OFF)
set(UPYOS_LEAVE_OUT_DEFAULT "")
# Python, as on mps2-an385 (2 MB of flash hold it): a program's heap is 64 KB of the 264 KB
# of RAM, its thread's stack 16 KB; a line runs on a thread of its own (the shell's is small).
set(UPYOS_PYTHON_DEFAULT ON)
set(UPYOS_PY_HEAP_DEFAULT 65536)
set(UPYOS_PY_STACK_DEFAULT 16384)
set(UPYOS_PY_LINE_STACK_DEFAULT 0)
# TLS: no network, so no TLS; release signatures (upgrade) on the part of mbedTLS they need.
set(UPYOS_TLS_DEFAULT OFF)
set(UPYOS_SIGNATURE_DEFAULT ON)
# A file transfer's buffer (uftpd), taken from the heap while the transfer runs.
set(UPYOS_TRANSFER_CHUNK_DEFAULT 8192)
