#!/bin/sh
# Builds and runs the flashfs mount fuzzer (clang with libFuzzer and AddressSanitizer).
#   tests/fuzz/run_flashfs.sh [SECONDS]   default 60 (also: tests/fuzz/run.sh flashfs_mount SECONDS)
# Work files go to build/fuzz/; new findings (crash-*, timeout-*) are left there.
set -e
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${FUZZ_OUT:-$ROOT/build/fuzz/flashfs}
SECONDS_TO_RUN=${1:-60}
mkdir -p "$OUT/corpus"
SRC="$ROOT/fs/flashfs/*.c $ROOT/lib/err.c $ROOT/tests/unit/support/flash_model.c $ROOT/tests/fuzz/port_stub.c"
CFLAGS="-std=c11 -g -O1 -I$ROOT -I$ROOT/include -I$ROOT/tests/unit"
clang $CFLAGS -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -o "$OUT/fuzz_flashfs_mount" "$ROOT/tests/fuzz/fuzz_flashfs_mount.c" $SRC
clang $CFLAGS -DFUZZ_SEED_MAIN -o "$OUT/make_seeds" "$ROOT/tests/fuzz/fuzz_flashfs_mount.c" $SRC
"$OUT/make_seeds" "$OUT/corpus"
cd "$OUT"
./fuzz_flashfs_mount -max_total_time="$SECONDS_TO_RUN" -timeout=10 -max_len=32769 \
    -print_final_stats=1 corpus
