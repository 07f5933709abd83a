#!/bin/sh
# Installs what building and testing upyOS-C needs, from Debian's packages, when run as root
# and something is missing, and the browser test's node modules (tests/browser). Used by
# `make test` and .ci/run.
PACKAGES="cmake ninja-build gcc make libcmocka-dev python3-pytest python3-pexpect clang
libclang-rt-14-dev gcc-arm-none-eabi picolibc-arm-none-eabi qemu-system-arm busybox
lftp curl wrk iperf3 chromium nodejs"
cd "$(dirname "$0")/.." || exit 1

# playwright-core for the web desktop test; it drives Debian's chromium, downloads none.
browser_modules() {
    [ -d tests/browser/node_modules/playwright-core ] && return 0
    command -v npm >/dev/null 2>&1 || {
        [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
    }
    (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund \
        --loglevel=error >/dev/null) || echo "tests/browser: npm ci failed" >&2
    return 0
}

missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
    browser_modules
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "missing packages:$missing (run as root, or: sudo apt-get install$missing)" >&2
    exit 1
fi
echo "installing:$missing"
if [ -z "$UPYOS_APT_UPDATED" ]; then
    apt-get update -qq >/dev/null
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
browser_modules
