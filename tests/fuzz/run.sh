#!/bin/bash
# Fuzzes one part of the system with libFuzzer:  tests/fuzz/run.sh TARGET SECONDS
#   TARGET: NAME of a fuzz target tests/fuzz/fuzz_NAME.c (ls tests/fuzz/fuzz_*.c), e.g. http
# flashfs_mount links the filesystem alone, with its own seeds: run_flashfs.sh does it.
# The whole portable core (every layer of layers.txt, the Python interpreter among them) and
# the posix HAL are compiled with clang, ASan and UBSan into build/fuzz/ (rebuilt when a source
# is newer); the corpus grows in build/fuzz/corpus/TARGET, seeded from tests/fuzz/seeds/TARGET
# (the Python targets share tests/fuzz/seeds/python, the conformance programs of tests/py and
# the token dictionary tests/fuzz/python.dict). Crashes are written to build/fuzz/crash-*. Exit status is
# libFuzzer's: 0 when nothing was found.
set -eu
cd "$(dirname "$0")/../.."
TARGET=${1:?usage: run.sh TARGET SECONDS (TARGET: NAME of a tests/fuzz/fuzz_NAME.c)}
[ -f "tests/fuzz/fuzz_$TARGET.c" ] || { echo "run.sh: $TARGET: no tests/fuzz/fuzz_$TARGET.c" >&2; exit 2; }
SECONDS_TO_RUN=${2:-20}
if [ "$TARGET" = flashfs_mount ]; then
    exec tests/fuzz/run_flashfs.sh "$SECONDS_TO_RUN"
fi
OUT=build/fuzz
CC=${CC_FUZZ:-clang}
FLAGS="-g -O1 -std=c11 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
mkdir -p "$OUT/obj" "$OUT/corpus/$TARGET"

# The command table, as the CMake build makes it.
ls cmd/*.c cmd/net/*.c | tr '\n' ';' | sed 's/;$//' > "$OUT/command_sources.txt"
cmake -DOUT="$OUT/command_table.c" -DLIST="$OUT/command_sources.txt" -P tools/gen_command_table.cmake
# The export table of loadable programs, from the SDK header.
cmake -DHEADER=sdk/upyos.h -DOUT_C="$OUT/sdk_exports.c" -DOUT_LIST="$OUT/sdk_exports.list" \
      -P tools/gen_sdk_exports.cmake
# The Python modules embedded in py/.
cmake -DOUT="$OUT/py_frozen.c" -DSRC_DIR=py/lib -P tools/gen_frozen.cmake

# The core: the directories of the layers (layers.txt, as the CMake build reads it), and the
# posix HAL: its own files and the ports/shared ones its CMakeLists names, so the two builds
# never link different HALs.
layers=$(awk '$1 == "layer" { print $3 }' layers.txt)
shared_hal=$(grep -o '\.\./shared/[a-z_0-9]*\.c' ports/posix/CMakeLists.txt | sed 's|^\.\./|ports/|')
sources=$( (find $layers -name '*.c' 2>/dev/null || true) | sort -u; ls ports/posix/*.c | grep -v /main.c; echo $shared_hal)
objects=""
for src in $sources "$OUT/command_table.c" "$OUT/sdk_exports.c" "$OUT/py_frozen.c"; do
    obj="$OUT/obj/$(echo "$src" | tr '/' '_' | sed 's/\.c$/.o/')"
    if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ -n "$( (find $layers include -name '*.h' -newer "$obj" 2>/dev/null || true) | head -1)" ]; then
        $CC $FLAGS -fsanitize=fuzzer-no-link -D_GNU_SOURCE -DUPYOS_VERSION=\"fuzz\" -I. -Iinclude \
            -c "$src" -o "$obj"
    fi
    objects="$objects $obj"
done
$CC $FLAGS -fsanitize=fuzzer -I. -Iinclude "tests/fuzz/fuzz_$TARGET.c" $objects -lm -lpthread -ldl \
    -o "$OUT/fuzz_$TARGET"

seeds=tests/fuzz/seeds/$TARGET
dict=""
case $TARGET in
    py_*) seeds="tests/fuzz/seeds/python tests/py"; dict=-dict=tests/fuzz/python.dict ;;
esac
existing=""
for d in $seeds; do [ -d "$d" ] && existing="$existing $d"; done
seeds=$existing
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
exec "$OUT/fuzz_$TARGET" -max_total_time="$SECONDS_TO_RUN" -max_len=4096 -timeout=10 \
    -rss_limit_mb=1024 -artifact_prefix="$OUT/crash-$TARGET-" -print_final_stats=1 $dict \
    "$OUT/corpus/$TARGET" $seeds
