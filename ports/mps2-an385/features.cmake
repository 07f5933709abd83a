# What this board has, for the top-level build. The MPS2 board's Ethernet (a LAN9118) has no
# driver and no IP stack yet, so the network commands stay out of the firmware: about
# 60 KB of flash that could only ever say "no network interface".
set(UPYOS_NETWORK_DEFAULT OFF)
# Every other command and service is linked. A board short of flash names what it leaves out,
# e.g. set(UPYOS_LEAVE_OUT_DEFAULT "vi;jq;watch") (or -DUPYOS_LEAVE_OUT=... for one build).
set(UPYOS_LEAVE_OUT_DEFAULT "")
# Python: the interpreter (about 200 KB of code now) does not fit the firmware's flash budget
# yet (tools/size.sh); the shell says "this build has no Python" until it is made smaller.
# The heap a program gets when it is turned on: 64 KB (the issue's budget for the dict test).
set(UPYOS_PYTHON_DEFAULT OFF)
set(UPYOS_PY_HEAP_DEFAULT 65536)
set(UPYOS_PY_STACK_DEFAULT 16384)
set(UPYOS_PY_FRAME_STACK_DEFAULT 512)
# TLS: mbedTLS is not built for this board yet (no network either).
set(UPYOS_TLS_DEFAULT OFF)
