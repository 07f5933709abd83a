#!/bin/sh
# Installs what building and testing upyOS-C needs, from Debian's packages, when run as root
# and something is missing, and the browser test's node modules (tests/browser). Used by
# `make test` and .ci/run. `tools/deps.sh bench` adds the reference servers that only the
# benchmarks run (`make bench`), `tools/deps.sh coverage` gcovr for `make coverage`. Also the
# RP2040 emulator's node modules (ports/rp2040/host), and the source of mbedTLS that the MCU
# ports compile (tools/mbedtls.cmake), unpacked outside the tree by `apt-get source`.
PACKAGES="cmake ninja-build gcc make libcmocka-dev python3-pytest python3-pexpect clang
libclang-rt-14-dev gcc-arm-none-eabi picolibc-arm-none-eabi qemu-system-arm busybox
lftp curl wrk iperf3 chromium nodejs libmbedtls-dev openssl mosquitto mosquitto-clients
python3-paho-mqtt python3-cryptography rabbitmq-server"
# bench/net_bench.py starts its own nginx and vsftpd on 127.0.0.1 with temporary configs.
BENCH_PACKAGES="nginx vsftpd"
# Servers some packages bring: the tests start their own on loopback, the system's stay off.
SERVICES="nginx vsftpd mosquitto rabbitmq-server"
case "${1:-}" in
    "") ;;
    bench) PACKAGES="$PACKAGES $BENCH_PACKAGES" ;;
    coverage) PACKAGES="$PACKAGES gcovr" ;;     # make coverage
    *) echo "usage: tools/deps.sh [bench|coverage]" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.." || exit 1

# playwright-core for the web desktop test; it drives Debian's chromium, downloads none.
browser_modules() {
    [ -d tests/browser/node_modules/playwright-core ] && return 0
    command -v npm >/dev/null 2>&1 || {
        [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
    }
    (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund \
        --loglevel=error >/dev/null) && return 0
    echo "tests/browser: npm ci failed" >&2
    return 1    # the web tests would skip: a missing dependency is an error, not a skip
}

# rp2040js (pinned in ports/rp2040/host/package-lock.json): the emulator the RP2040 port runs on.
rp2040_modules() {
    [ -d ports/rp2040/host/node_modules/rp2040js ] && return 0
    (cd ports/rp2040/host && npm ci --no-audit --no-fund --loglevel=error >/dev/null) && return 0
    echo "ports/rp2040/host: npm ci failed" >&2
    return 1
}

# mbedTLS for the MCU ports: Debian's `mbedtls` source package, the same version as the
# libmbedtls-dev the posix port links, unpacked into $UPYOS_DEPS_CACHE (default
# ~/.cache/upyos), where tools/mbedtls.cmake looks for it. The deb-src entry it needs names
# the archive the machine's own deb entry uses.
DEPS_CACHE="${UPYOS_DEPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/upyos}"
SRC_LIST=/etc/apt/sources.list.d/upyos-deb-src.sources
mbedtls_source() {
    ls -d "$DEPS_CACHE"/mbedtls-*/library >/dev/null 2>&1 && return 0
    if ! apt-get source --print-uris mbedtls >/dev/null 2>&1; then
        [ "$(id -u)" = 0 ] || {
            echo "mbedtls source: no deb-src entry (run tools/deps.sh as root once)" >&2
            return 1
        }
        if [ -f /etc/apt/sources.list.d/debian.sources ]; then
            sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$SRC_LIST"
        else
            sed -n 's/^deb /deb-src /p' /etc/apt/sources.list >"${SRC_LIST%.sources}.list"
        fi
        apt-get update -qq >/dev/null
    fi
    mkdir -p "$DEPS_CACHE" && (cd "$DEPS_CACHE" && apt-get source -qq mbedtls >/dev/null 2>&1) &&
        ls -d "$DEPS_CACHE"/mbedtls-*/library >/dev/null 2>&1 && return 0
    echo "tools/deps.sh: apt-get source mbedtls failed" >&2
    return 1
}

# Debian starts a server's system service when its package is installed: nginx on port 80
# and vsftpd on 21, on every interface. The benchmarks need only the programs, so a
# policy-rc.d that refuses every start (exit 101) is put in place for the install when the
# machine has none, and removed after.
POLICY=/usr/sbin/policy-rc.d
install_without_starting() {
    own_policy=""
    if [ ! -e "$POLICY" ]; then
        printf '#!/bin/sh\n# tools/deps.sh: no service starts during this install\nexit 101\n' >"$POLICY"
        chmod 755 "$POLICY"
        own_policy=1
        trap 'rm -f "$POLICY"' EXIT INT TERM
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    status=$?
    if [ -n "$own_policy" ]; then
        rm -f "$POLICY"
        trap - EXIT INT TERM
    fi
    return $status
}

# A server this script installed that started anyway (a policy-rc.d that allows it, or an
# init system that ignores it) is stopped, and kept from starting at boot.
stop_services() {
    for s in "$@"; do
        case " $SERVICES " in *" $s "*) ;; *) continue ;; esac
        if [ -d /run/systemd/system ]; then
            systemctl disable --now "$s" >/dev/null 2>&1
        elif [ -x "/etc/init.d/$s" ]; then
            "/etc/init.d/$s" stop >/dev/null 2>&1
            update-rc.d "$s" disable >/dev/null 2>&1
        fi
    done
    return 0
}

missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
    browser_modules && rp2040_modules && mbedtls_source
    exit
fi
if [ "$(id -u)" != 0 ]; then
    echo "missing packages:$missing (run as root, or: sudo apt-get install$missing)" >&2
    exit 1
fi
echo "installing:$missing"
if [ -z "$UPYOS_APT_UPDATED" ]; then
    apt-get update -qq >/dev/null
fi
# shellcheck disable=SC2086  # one word per package
installed=0
install_without_starting $missing || { echo "tools/deps.sh: apt-get install failed" >&2; installed=1; }
stop_services $missing
browser_modules && rp2040_modules && mbedtls_source && exit $installed
