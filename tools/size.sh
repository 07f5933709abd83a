#!/bin/bash
# make size: what the portable core costs on a Cortex-M3 (arm-none-eabi-gcc -Os, picolibc),
# layer by layer, and, when the MCU port is built, the linked firmware's flash and RAM.
set -eu
cd "$(dirname "$0")/.."
CC=arm-none-eabi-gcc
command -v $CC >/dev/null || { echo "size: $CC missing (tools/deps.sh installs it)"; exit 1; }
cmake -S . -B build/posix -G Ninja >/dev/null && ninja -C build/posix --quiet
out=build/size
rm -rf $out && mkdir -p $out
CFLAGS="-mcpu=cortex-m3 -mthumb -Os -std=c11 -ffunction-sections -fdata-sections
        --specs=picolibc.specs -DUPYOS_VERSION=\"size\" -I. -Iinclude -w"
printf "%-10s %10s %8s %8s   (bytes, compiled for Cortex-M3 -Os)\n" layer text data bss
total_t=0; total_d=0; total_b=0
for layer in lib kernel fs term shell cmd net; do
    files=$(find $layer -name '*.c' 2>/dev/null | sort)
    [ "$layer" = cmd ] && files="$files build/posix/generated/command_table.c"
    [ -z "$files" ] && continue
    objs=""
    for f in $files; do
        o=$out/$(echo "$f" | tr '/' '_').o
        $CC $CFLAGS -c "$f" -o "$o"
        objs="$objs $o"
    done
    read -r t d b <<<"$(arm-none-eabi-size $objs | awk 'NR>1 {t+=$1; d+=$2; b+=$3} END {print t, d, b}')"
    printf "%-10s %10d %8d %8d\n" "$layer" "$t" "$d" "$b"
    total_t=$((total_t + t)); total_d=$((total_d + d)); total_b=$((total_b + b))
done
printf "%-10s %10d %8d %8d   (before linking: unused functions still counted)\n" core \
    $total_t $total_d $total_b
# The Python interpreter is built for every port but not linked into the firmware yet: its
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
printf "%-10s %10d %8d %8d   (the interpreter; not linked into the firmware yet)\n" py \
    "$t" "$d" "$b"
if [ -x ports/mps2-an385/size-report.sh ]; then
    ports/mps2-an385/size-report.sh
fi
