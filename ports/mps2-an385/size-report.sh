#!/bin/bash
# Flash and RAM of the mps2-an385 firmware (called by tools/size.sh, i.e. make size):
# static figures from arm-none-eabi-size and, layer by layer, from the linked ELF's symbols
# (tools/layer_sizes.py), and the heap (itemised by the function that allocated each block)
# and stacks in use at the prompt from one boot under QEMU -icount from a fresh flash image
# (the firmware's "stats" report through semihosting). bench/mps2_bench.py prints the same as a table, with boot times.
set -eu
cd "$(dirname "$0")/../.."
cmake -S . -B build/mps2 -G Ninja -DPORT=mps2-an385 >/dev/null && ninja -C build/mps2 --quiet >/dev/null
elf=build/mps2/ports/mps2-an385/upyos.elf
read -r text data bss <<<"$(arm-none-eabi-size "$elf" | awk 'NR==2 {print $1, $2, $3}')"
echo
echo "mps2-an385 firmware ($elf)"
printf "  flash  %7d bytes (text %d + data %d)            target <= 131072\n" \
    $((text + data)) "$text" "$data"
printf "  static %7d bytes of RAM (data %d + bss %d, bss includes the 1 KB handler stack)\n" \
    $((data + bss)) "$data" "$bss"
dir=$(mktemp -d)
report=$( (sleep 4) | (cd "$dir" && timeout 5 "$OLDPWD/ports/mps2-an385/run-qemu.sh" --icount \
    --flash "$dir/flash.img" "$OLDPWD/$elf" 2>&1) | tr -d '\r' | grep -a '^mps2: \|mps2: ' |
    sed 's/.*mps2: /mps2: /' || true)
rm -rf "$dir"
heap=$(echo "$report" | sed -n 's/^mps2: heap total [0-9]* used \([0-9]*\).*/\1/p')
echo "$report" | grep -v '^mps2: heap block ' | sed 's/^mps2: /  /'
echo "$report" >"$dir.report"
python3 tools/layer_sizes.py "$elf" --report "$dir.report"
# what the Python interpreter costs, file by file, when the port links it
python3 tools/layer_sizes.py "$elf" --layer py --top 8
rm -f "$dir.report"
if [ -n "$heap" ]; then
    printf "  RAM in use at the prompt, root on flashfs: %d bytes (static + heap, thread stacks are on the heap)   target <= 16384\n" \
        $((data + bss + heap))
fi
