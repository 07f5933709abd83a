#!/bin/bash
# The whole test suite: unit tests (cmocka through ctest), e2e tests (pytest + pexpect) and
# the Python programs of tests/py compared with CPython, on the normal build and again on the
# AddressSanitizer + UBSan build (Python with a collection at every allocation), then the Cortex-M3
# firmware under QEMU (its HAL self-test, the e2e tests not marked posix_only and the Python
# programs of tests/py on pyrun.elf), the RP2040 firmware under rp2040js (the same e2e tests,
# and its own), plus the source checks.
# Ends with one line: "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
tools/deps.sh || exit 1

passed=0
failed=0
skipped=0
summary=""

count() {   # name passed failed [skipped]
    passed=$((passed + $2))
    failed=$((failed + $3))
    skipped=$((skipped + ${4:-0}))
    summary="$summary\n  $1: $2 passed, $3 failed${4:+, $4 skipped}"
}

build() {   # dir extra-cmake-args...
    local dir=$1
    shift
    cmake -S . -B "$dir" -G Ninja "$@" >/dev/null && ninja -C "$dir" --quiet
}

run_ctest() {   # name dir
    local out
    out=$(cd "$2" && ctest --output-on-failure 2>&1)
    echo "$out" | tail -n 30
    local line p f
    line=$(echo "$out" | grep -E "tests passed, [0-9]+ tests failed out of" | tail -1)
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/')
    t=$(echo "$line" | sed -E 's/.* out of ([0-9]+).*/\1/')
    [ -z "$line" ] && { count "$1" 0 1; return; }
    count "$1" $((t - f)) "$f"
}

run_pytest() {   # name pytest-args...
    local name=$1 out line p f e
    shift
    out=$($PY -m pytest -q -p no:cacheprovider "$@" 2>&1)
    echo "$out" | tail -n 40
    line=$(echo "$out" | tail -1)
    p=$(echo "$line" | grep -oE "[0-9]+ passed" | grep -oE "[0-9]+" || echo 0)
    f=$(echo "$line" | grep -oE "[0-9]+ failed" | grep -oE "[0-9]+" || echo 0)
    e=$(echo "$line" | grep -oE "[0-9]+ errors?" | grep -oE "[0-9]+" || echo 0)
    s=$(echo "$line" | grep -oE "[0-9]+ skipped" | grep -oE "[0-9]+" || echo 0)
    [ -z "$s" ] && s=0
    [ -z "$p" ] && p=0
    [ -z "$f" ] && f=0
    [ -z "$e" ] && e=0
    if [ "$p" = 0 ] && [ "$f" = 0 ] && [ "$e" = 0 ]; then f=1; fi   # nothing ran: a failure
    # skipped tests are counted and shown, so a test that stops running is seen
    count "$name" "$p" $((f + e)) "$s"
}

run_pyconf() {   # name pyrun-binary [env...] [-- run.py options]: tests/py against CPython
    local name=$1 bin=$2 out line p f s envs=() opts=()
    shift 2
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs+=("$1"); shift; done
    [ "${1:-}" = "--" ] && { shift; opts=("$@"); }
    out=$(env "${envs[@]}" UPYOS_PYRUN="$PWD/$bin" $PY tests/py/run.py -j 2 "${opts[@]}" 2>&1)
    echo "$out" | tail -n 30
    line=$(echo "$out" | grep -E "^[0-9]+ passed, [0-9]+ failed" | tail -1)
    p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    s=$(echo "$line" | grep -oE "[0-9]+ skipped" | grep -oE "[0-9]+" || echo 0)
    [ -z "$line" ] && { count "$name" 0 1; return; }
    count "$name" "$p" "$f" "$s"
}

echo "== source checks"
run_pytest "source checks" tests/checks

echo "== build (normal, -Werror)"
if build build/posix -DCMAKE_BUILD_TYPE=RelWithDebInfo; then
    echo "== unit tests"
    run_ctest "unit" build/posix
    echo "== e2e tests"
    run_pytest "e2e" tests/e2e
    echo "== Python conformance (against CPython)"
    run_pyconf "python" build/posix/tools/pyrun
else
    count "build" 0 1
fi

echo "== build (AddressSanitizer + UBSan)"
if build build/asan -DCMAKE_BUILD_TYPE=Debug -DUPYOS_SANITIZE=ON; then
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    echo "== unit tests (sanitizers)"
    run_ctest "unit (sanitizers)" build/asan
    echo "== e2e tests (sanitizers)"
    UPYOS_BIN=build/asan/ports/posix/upyos UPYOS_TIMEOUT_SCALE=4 UPYOS_CHECK_EXIT=1 \
        run_pytest "e2e (sanitizers)" tests/e2e
    echo "== Python conformance (sanitizers, a collection at every allocation)"
    run_pyconf "python (sanitizers, GC stress)" build/asan/tools/pyrun PYRUN_GCSTRESS=1 \
        UPYOS_PYTEST_TIMEOUT=60 -- --also-pending pending-gcstress.txt --skip-listed slow-gcstress.txt
    run_pyconf "python (sanitizers, GC stress every 16th allocation)" build/asan/tools/pyrun \
        PYRUN_GCSTRESS=16 UPYOS_PYTEST_TIMEOUT=60 -- --only-listed slow-gcstress.txt
else
    count "build (sanitizers)" 0 1
fi

echo "== build (mps2-an385 firmware)"
if build build/mps2 -DPORT=mps2-an385; then
    echo "== mps2-an385 HAL self-test"
    out=$($PY ports/mps2-an385/selftest.py build/mps2/ports/mps2-an385/selftest.elf 2>&1)
    echo "$out" | grep -E "^FAIL|failure"
    p=$(echo "$out" | grep -c "^ok ")
    f=$(echo "$out" | grep -c "^FAIL ")
    [ "$p" = 0 ] && f=$((f + 1))
    count "selftest (mps2-an385)" "$p" "$f"
    echo "== e2e tests (mps2-an385 under QEMU)"
    UPYOS_PORT=mps2-an385 run_pytest "e2e (mps2-an385)" tests/e2e -m "not posix_only"
    echo "== Python conformance (mps2-an385 under QEMU, against CPython)"
    run_pyconf "python (mps2-an385)" ports/mps2-an385/pyrun_qemu.py -- \
        --skip-listed host-only.txt --also-pending pending-mps2.txt
else
    count "build (mps2-an385)" 0 1
fi

echo "== build (rp2040 firmware)"
if build build/rp2040 -DPORT=rp2040; then
    echo "== e2e tests (rp2040 under rp2040js)"
    # the emulator runs about ten times slower than QEMU: the waits get twice as long
    UPYOS_PORT=rp2040 UPYOS_TIMEOUT_SCALE=2 run_pytest "e2e (rp2040)" tests/e2e -m "not posix_only"
else
    count "build (rp2040)" 0 1
fi

printf "\nSummary:$summary\n"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
