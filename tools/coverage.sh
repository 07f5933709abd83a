#!/bin/bash
# make coverage: line and branch coverage of the unit and e2e suites on the posix simulator,
# per layer, with the functions no test reaches. A build of its own (build/coverage, gcc
# --coverage, with atomic counters: the simulator counts from several threads at once); the
# e2e tests end every system through `exit` (UPYOS_CHECK_EXIT=1) so that the
# simulator writes its counters, which it does only when it exits normally.
set -u
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
command -v gcovr >/dev/null 2>&1 || tools/deps.sh coverage || exit 1
tools/deps.sh || exit 1
dir=build/coverage
cmake -S . -B $dir -G Ninja -DCMAKE_BUILD_TYPE=Debug -DUPYOS_WERROR=ON \
    "-DCMAKE_C_FLAGS=--coverage -fprofile-update=atomic" -DCMAKE_EXE_LINKER_FLAGS=--coverage \
    -DCMAKE_SHARED_LINKER_FLAGS=--coverage >/dev/null && ninja -C $dir --quiet || exit 1
find $dir -name '*.gcda' -delete
echo "== unit tests"
(cd $dir && ctest 2>&1 | tail -n 3)
echo "== e2e tests (normal pass, every system left through exit)"
UPYOS_BIN=$dir/ports/posix/upyos UPYOS_CHECK_EXIT=1 \
    $PY -m pytest -q -p no:cacheprovider tests/e2e "$@" 2>&1 | tail -n 3
if [ -d tests/py ] && [ -x $dir/tools/pyrun ]; then
    echo "== Python conformance"
    UPYOS_PYRUN=$PWD/$dir/tools/pyrun $PY tests/py/run.py -j 2 2>&1 | tail -n 1
fi
gcovr -r . --object-directory $dir --json $dir/coverage.json \
    --exclude 'tests/' --exclude 'tools/' --exclude 'bench/' --exclude "$dir/" >/dev/null || exit 1
$PY tools/coverage_report.py $dir/coverage.json
