# What this board has, for the top-level build. The MPS2 board's Ethernet (a LAN9118) has no
# driver and no IP stack yet, so the network commands stay out of the firmware: about
# 60 KB of flash that could only ever say "no network interface".
set(UPYOS_NETWORK_DEFAULT OFF)
