#!/bin/sh
# Installs what building and testing upyOS-C needs, from Debian's packages, when run as root
# and something is missing. Used by `make test` and .ci/run.
PACKAGES="cmake ninja-build gcc make libcmocka-dev python3-pytest python3-pexpect clang
libclang-rt-14-dev gcc-arm-none-eabi picolibc-arm-none-eabi qemu-system-arm busybox"
missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "missing packages:$missing (run as root, or: sudo apt-get install$missing)" >&2
    exit 1
fi
echo "installing:$missing"
if [ -z "$UPYOS_APT_UPDATED" ]; then
    apt-get update -qq >/dev/null
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
