# What this board has, for the top-level build. Its network is an ESP-AT modem on UART 1 (the
# board file says so; net/esp_at_net.c drives it): the network commands and services are in.
# The board's Ethernet (a LAN9118) has no driver yet (docs/porting.md).
set(UPYOS_NETWORK_DEFAULT ON)
# Every other command and service is linked. A board short of flash names what it leaves out,
# e.g. set(UPYOS_LEAVE_OUT_DEFAULT "vi;jq;watch") (or -DUPYOS_LEAVE_OUT=... for one build).
set(UPYOS_LEAVE_OUT_DEFAULT "")
# Python: programs and `<`/`>` lines on py/ (it costs about 160 KB of flash: make size).
# A program's heap is 64 KB (the issue's budget for the dict test), its thread's stack 16 KB;
# the shell's own thread (8 KB) is too small for the interpreter, so a line runs on a thread
# of that stack too (UPYOS_PY_LINE_STACK 0).
set(UPYOS_PYTHON_DEFAULT ON)
set(UPYOS_PY_HEAP_DEFAULT 65536)
set(UPYOS_PY_STACK_DEFAULT 16384)
set(UPYOS_PY_LINE_STACK_DEFAULT 0)
# TLS: not on this board yet (its network is the modem, whose TLS is not used); release
# signatures (upgrade) on the part of mbedTLS they need, built from Debian's source package
# (tools/mbedtls.cmake).
set(UPYOS_TLS_DEFAULT OFF)
set(UPYOS_SIGNATURE_DEFAULT ON)
# A file transfer's buffer (uftpd), taken from the heap while the transfer runs.
set(UPYOS_TRANSFER_CHUNK_DEFAULT 8192)
