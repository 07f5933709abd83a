#!/bin/sh
# Run a firmware ELF on QEMU's MPS2 AN385 with the console on stdio.
#   run-qemu.sh [--icount] [--socket PATH] [--append "OPTIONS"] IMAGE.elf
#   --icount        emulated time follows executed instructions (about 31 MHz: one every
#                   32 ns), not the host clock: boot time measured in it is repeatable.
#                   Adds "stats", so the firmware reports boot time and memory at the first
#                   prompt on QEMU's stdout through semihosting.
#   --socket PATH   the console on a UNIX socket server instead of stdio (QEMU waits for the
#                   client before running the guest), for test harnesses.
#   --append OPTS   the firmware's command line: -r (recovery), stats, flash=PATH.
# The flash image is a host file reached through semihosting (default ./upyos-flash.img).
set -eu
icount="" serial="-serial stdio" append=""
while [ $# -gt 1 ]; do
    case "$1" in
        --icount) icount="-icount shift=5,align=off,sleep=off"; append="$append stats"; shift ;;
        --socket) serial="-chardev socket,id=u0,path=$2,server=on,wait=on -serial chardev:u0"; shift 2 ;;
        --append) append="$append $2"; shift 2 ;;
        *) break ;;
    esac
done
[ $# -eq 1 ] || { echo "usage: $0 [--icount] [--socket PATH] [--append OPTS] IMAGE.elf" >&2; exit 2; }
# shellcheck disable=SC2086
exec qemu-system-arm -M mps2-an385 -nographic -monitor none $serial \
    -semihosting-config enable=on,target=native $icount \
    -kernel "$1" ${append:+-append "${append# }"}
