#!/bin/bash
# Flash and RAM of the rp2040 firmware (called by tools/size.sh, i.e. make size; make size
# BOARD=rp2040 for this port alone): static figures from the linked ELF, layer by layer
# (tools/layer_sizes.py), and from one boot under rp2040js from a fresh flash image the
# emulated time to the prompt and the heap in use there (the runner's --stats, which reads
# the allocator's counters from the emulated RAM).
set -eu
cd "$(dirname "$0")/../.."
cmake -S . -B build/rp2040 -G Ninja -DPORT=rp2040 >/dev/null && ninja -C build/rp2040 --quiet >/dev/null
elf=build/rp2040/ports/rp2040/upyos.elf
read -r text data bss <<<"$(arm-none-eabi-size "$elf" | awk 'NR==2 {print $1, $2, $3}')"
heap_start=$(arm-none-eabi-nm "$elf" | awk '$3 == "__heap_start" {print $1}')
static=$((0x$heap_start - 0x20000000))
echo
echo "rp2040 firmware ($elf)"
printf "  flash  %7d bytes (code, constants, initial data: the primary slot's image)   target <= 196608\n" \
    $((text + data))
read -r btext bdata <<<"$(arm-none-eabi-size build/rp2040/ports/rp2040/bootstage.elf | awk 'NR==2 {print $1, $2}')"
printf "  boot   %7d bytes of flash (boot2 and the boot stage, of 16384)\n" $((btext + bdata))
printf "  static %7d bytes of RAM (data, bss and the 2 KB handler stack) of 270336\n" "$static"
dir=$(mktemp -d)
report=$( (sleep 8) | timeout 10 node ports/rp2040/host/run.js --stats --flash "$dir/flash.img" \
    "$elf" 2>&1 >/dev/null | grep -a '^rp2040: ' | head -2 || true)
rm -rf "$dir"
echo "$report" | sed 's/^rp2040: /  /'
python3 tools/layer_sizes.py "$elf"
heap=$(echo "$report" | sed -n 's/^rp2040: heap used \([0-9]*\).*/\1/p')
if [ -n "$heap" ]; then
    printf "  RAM in use at the prompt, root on flashfs: %d bytes (static + heap, thread stacks are on the heap)   target <= 32768\n" \
        $((static + heap))
fi
