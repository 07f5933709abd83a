#!/usr/bin/python3
"""The Raspberry Pi Pico firmware under rp2040js: boot to the prompt in emulated time (the
runner's --stats), the console's round trip, and flashfs sequential write and read on the
emulated QSPI flash timed inside the board (a Python program's ticks_ms: emulated time; the
emulator programs and erases flash in no time, so these are the firmware's own costs).
Flash and RAM of the firmware are `make size BOARD=rp2040`'s (ports/rp2040/size-report.sh).
rp2040js runs at 30-45% of real time on this machine, so the round trip is given in wall time
and stated as such; the other figures are emulated and repeatable."""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("UPYOS_PORT", "rp2040")
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "tests", "e2e"))
from conftest import BIN, Console  # noqa: E402

SEQ = """\
import time
data = bytes(range(256)) * 4               # 1 KB writes
N = int(__import__("sys").argv[1])
t0 = time.ticks_ms()
with open("/var/seq.bin", "wb") as f:
    for i in range(N // len(data)):
        f.write(data)
t1 = time.ticks_ms()
got = 0
with open("/var/seq.bin", "rb") as f:
    while True:
        b = f.read(1024)
        if not b:
            break
        got += len(b)
t2 = time.ticks_ms()
print("seq", N, got, time.ticks_diff(t1, t0), time.ticks_diff(t2, t1))
__import__("os").remove("/var/seq.bin")
"""


def boot_stats():
    """Emulated ms to the prompt and heap in use there, from a fresh flash image."""
    tmp = tempfile.mkdtemp(prefix="upyos-rpbench-")
    try:
        p = subprocess.run(["node", os.path.join(REPO, "ports/rp2040/host/run.js"), "--stats",
                            "--flash", os.path.join(tmp, "flash.img"), BIN],
                           input="", capture_output=True, text=True, timeout=60)
        return re.findall(r"^rp2040: .*$", p.stderr, re.M)[:2]
    except subprocess.TimeoutExpired as e:
        return re.findall(r"^rp2040: .*$", (e.stderr or b"").decode(errors="replace"), re.M)[:2]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    if not os.path.exists(BIN):
        print(f"  skipped: {BIN} not built (make build-rp2040)")
        return
    for line in boot_stats():
        print("  " + line)
    tmp = tempfile.mkdtemp(prefix="upyos-rpbench-")
    root = os.path.join(tmp, "root")
    shutil.copytree(os.path.join(REPO, "rootfs"), root)
    with open(os.path.join(root, "opt", "seq.py"), "w") as f:
        f.write(SEQ)
    c = Console(root)
    try:
        c.wait_prompt(timeout=30)
        trips = []
        for _ in range(20):
            start = time.monotonic()
            c.run("echo x")
            trips.append((time.monotonic() - start) * 1000)
        print(f"  console round trip (`echo x` to its prompt, wall time): median "
              f"{statistics.median(trips):.1f} ms, best {min(trips):.1f} ms of 20")
        for size_kb in (64, 256):
            out = c.run(f"/opt/seq.py {size_kb * 1024}", timeout=300)
            m = re.search(r"seq (\d+) (\d+) (\d+) (\d+)", out)
            if not m or m.group(1) != m.group(2):
                print(f"  flashfs sequential {size_kb} KB: failed: {out.strip()!r}")
                continue
            n, wms, rms = int(m.group(1)), int(m.group(3)), int(m.group(4))
            print(f"  flashfs sequential {size_kb} KB, emulated: write {wms} ms "
                  f"({n / 1024 / max(wms, 1) * 1000:.0f} KB/s), read {rms} ms "
                  f"({n / 1024 / max(rms, 1) * 1000:.0f} KB/s)")
    finally:
        c.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
