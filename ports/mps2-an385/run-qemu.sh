#!/bin/sh
# Run a firmware ELF on QEMU's MPS2 AN385 with the console on stdio.
#   run-qemu.sh [--icount] [--socket PATH] [--flash IMAGE] [--append "OPTIONS"] FIRMWARE.elf
#   --icount        emulated time follows executed instructions (about 31 MHz: one every
#                   32 ns), not the host clock: boot time measured in it is repeatable.
#                   Adds "stats", so the firmware reports boot time and memory at every
#                   prompt on QEMU's stdout through semihosting.
#   --socket PATH   the console on a UNIX socket server instead of stdio (QEMU waits for the
#                   client before running the guest), for test harnesses.
#   --flash IMAGE   the board's flash: the root filesystem lives there and persists. A missing
#                   IMAGE is made from rootfs/ with the posix build's tools/mkfs (MKFS=path to
#                   use another), as `make run` does for the simulator. No spaces in the path.
#   --append OPTS   more of the firmware's command line: -r (recovery), stats, flash=PATH.
#   --uart 1=PATH   UART 1 (the board's ESP-AT modem) connected to the program listening on
#                   the UNIX socket PATH (tools/esp_at_sim.py), as the posix simulator's option.
# Without --flash the firmware boots from a RAM disk holding the rootfs/ compiled into it.
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
icount="" serial="-serial stdio" append="" uart1=""
while [ $# -gt 1 ]; do
    case "$1" in
        --icount) icount="-icount shift=5,align=off,sleep=off"; append="$append stats"; shift ;;
        --socket) serial="-chardev socket,id=u0,path=$2,server=on,wait=on -serial chardev:u0"; shift 2 ;;
        --flash)
            if [ ! -e "$2" ]; then
                "${MKFS:-$repo/build/posix/tools/mkfs}" -s 2M "$2" "$repo/rootfs" >/dev/null
            fi
            append="$append flash=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
        --append) append="$append $2"; shift 2 ;;
        --uart)
            case "$2" in
                1=*) uart1="-chardev socket,id=u1,path=${2#1=} -serial chardev:u1" ;;
                *) echo "$0: only UART 1 can be wired: --uart 1=PATH" >&2; exit 2 ;;
            esac
            shift 2 ;;
        *) break ;;
    esac
done
[ $# -eq 1 ] || { echo "usage: $0 [--icount] [--socket PATH] [--flash IMAGE] [--append OPTS] [--uart 1=PATH] FIRMWARE.elf" >&2; exit 2; }
# shellcheck disable=SC2086
exec qemu-system-arm -M mps2-an385 -nographic -monitor none $serial $uart1 \
    -semihosting-config enable=on,target=native $icount \
    -kernel "$1" ${append:+-append "${append# }"}
