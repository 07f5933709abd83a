# What this board has, for the top-level build. The MPS2 board's Ethernet (a LAN9118) has no
# driver and no IP stack yet, so the network commands stay out of the firmware: about
# 60 KB of flash that could only ever say "no network interface".
set(UPYOS_NETWORK_DEFAULT OFF)
# Every other command and service is linked. A board short of flash names what it leaves out,
# e.g. set(UPYOS_LEAVE_OUT_DEFAULT "vi;jq;watch") (or -DUPYOS_LEAVE_OUT=... for one build).
set(UPYOS_LEAVE_OUT_DEFAULT "")
