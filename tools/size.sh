#!/bin/bash
# make size: what the portable core costs on a Cortex-M3 (arm-none-eabi-gcc -Os, picolibc):
# the linked firmware's flash and RAM layer by layer (ports/mps2-an385/size-report.sh), and
# the Python interpreter compiled on its own as well (what all of py/ costs, linked or not).
set -eu
cd "$(dirname "$0")/.."
CC=arm-none-eabi-gcc
command -v $CC >/dev/null || { echo "size: $CC missing (tools/deps.sh installs it)"; exit 1; }
cmake -S . -B build/posix -G Ninja >/dev/null && ninja -C build/posix --quiet
out=build/size
rm -rf $out && mkdir -p $out
CFLAGS="-mcpu=cortex-m3 -mthumb -Os -std=c11 -ffunction-sections -fdata-sections
        --specs=picolibc.specs -DUPYOS_VERSION=\"size\" -I. -Iinclude -w"
# The core's layers are measured after linking, in the firmware (size-report.sh below): what
# the linker keeps, not every function compiled.
printf "%-10s %10s %8s %8s   (bytes, compiled for Cortex-M3)\n" layer text data bss
# The Python interpreter, whether a port links it or not (ports/PORT/features.cmake): its
# cost is stated apart, compiled as the MCU port builds it (-Os, its dispatch loop -O2) and
# with the modules written in Python that it embeds.
py_objs=""
for f in $(find py -name '*.c' | sort) build/posix/generated/py_frozen.c; do
    o=$out/$(echo "$f" | tr '/' '_').o
    opt=-Os
    [ "$f" = py/vm.c ] && opt=-O2
    $CC ${CFLAGS/-Os/$opt} -c "$f" -o "$o"
    py_objs="$py_objs $o"
done
read -r t d b <<<"$(arm-none-eabi-size $py_objs | awk 'NR>1 {t+=$1; d+=$2; b+=$3} END {print t, d, b}')"
printf "%-10s %10d %8d %8d   (the interpreter compiled on its own; linked: the py line below)\n" py \
    "$t" "$d" "$b"
# make size BOARD=rp2040: that port alone; otherwise every MCU port's report.
if [ "${BOARD:-}" != rp2040 ] && [ -x ports/mps2-an385/size-report.sh ]; then
    ports/mps2-an385/size-report.sh
fi
if [ "${BOARD:-rp2040}" = rp2040 ] && [ -x ports/rp2040/size-report.sh ]; then
    ports/rp2040/size-report.sh
fi
