#!/usr/bin/python3
"""asyncio and machine from Python (issue 14): asyncio task switches per second (two tasks
taking turns with sleep(0)), Pin.value toggles per second (a loop driving a pin), and the
memory of an idle asyncio program with two sleeping tasks.

posix: build/posix/tools/pyrun, the best of RUNS runs (the machine is shared), wall-clock time
measured inside the program.
mps2-an385: build/mps2/ports/mps2-an385/pyrun.elf under QEMU with -icount shift=5 (emulated
time, repeatable: one run). The idle program's memory there is the heap in use while both
tasks sleep (after a collection) and the smallest arena (interpreter state, value stack and
heap together) it runs in, found by bisection; the goal is 6 KB of RAM.
PYBENCH_RUNS=N for another count of posix runs; ASYNCIO_BENCH_ONLY=posix or mps2 for one half."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import python_bench as pb   # noqa: E402  (pyrun paths, the pyrun.elf runner and its build)

RUNS = int(os.environ.get("PYBENCH_RUNS", "5"))
GOAL_IDLE_RAM = 6 * 1024

SWITCHES = """import asyncio, time
N = %d
async def taker():
    for i in range(N):
        await asyncio.sleep(0)
async def main():
    t0 = time.ticks_us()
    await asyncio.gather(taker(), taker())
    return time.ticks_diff(time.ticks_us(), t0)
us = asyncio.run(main())
print('per_s=%%d' %% (2 * N * 1000000 // max(us, 1)))
"""

TOGGLES = """import machine, time
N = %d
def bench(p, n):
    v = p.value
    for i in range(n):
        v(i & 1)
p = machine.Pin(%d, machine.Pin.OUT)
t0 = time.ticks_us()
bench(p, N)
us = time.ticks_diff(time.ticks_us(), t0)
print('per_s=%%d' %% (N * 1000000 // max(us, 1)))
"""

IDLE = """import asyncio, gc
async def blink(ms):
    while True:
        await asyncio.sleep_ms(ms)
async def main():
    asyncio.create_task(blink(700))
    asyncio.create_task(blink(100))
    await asyncio.sleep_ms(350)
    gc.collect()
    print('idle=%d' % gc.mem_alloc())
asyncio.run(main())
"""


def write(tmp, name, text):
    path = os.path.join(tmp, name + ".py")
    with open(path, "w") as f:
        f.write(text)
    return path


def per_second(out):
    return int(re.search(r"per_s=(\d+)", out).group(1))


def posix(tmp):
    print(f"  posix (pyrun, best of {RUNS} runs)")
    for name, what, src in (("switch", "asyncio task switches per second", SWITCHES % 100000),
                            ("toggle", "Pin.value toggles per second", TOGGLES % (1000000, 2))):
        path = write(tmp, "posix_" + name, src)
        best = max(per_second(pb.run_posix([pb.PYRUN, path])[3]) for _ in range(RUNS))
        print(f"  {what:<45} {best:>12,}", flush=True)
    _, _, peak, out = pb.run_posix([pb.PYRUN, write(tmp, "posix_idle", IDLE)],
                                   dict(os.environ, PYRUN_STATS="1"))
    idle = int(re.search(r"idle=(\d+)", out).group(1))
    print(f"  {'idle program, two tasks: heap in use':<45} {idle:>12,} bytes (peak {peak:,})")


def mps2_output(path, arena):
    """pyrun.elf's output for path in an arena of that many bytes, or None when it fails."""
    argv = ["qemu-system-arm", "-M", "mps2-an385", "-nographic", "-monitor", "none",
            "-serial", "stdio", "-semihosting-config", "enable=on,target=native",
            "-icount", "shift=5,align=off,sleep=off", "-kernel", pb.ELF,
            "-append", f"py={path} heap={arena}"]
    out = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         timeout=600).stdout
    return out if "pyrun: status 0 " in out else None


def smallest_arena(path, low, high):
    """The smallest arena (to 128 bytes) path runs in, between low (too small) and high."""
    while high - low > 128:
        mid = (low + high) // 2 // 16 * 16
        if mps2_output(path, mid):
            high = mid
        else:
            low = mid
    return high


def mps2(tmp):
    print("\n  mps2-an385 (pyrun.elf under QEMU, -icount shift=5: emulated time)")
    for name, what, src in (("switch", "asyncio task switches per second", SWITCHES % 2000),
                            ("toggle", "Pin.value toggles per second", TOGGLES % (20000, 0))):
        out = mps2_output(write(tmp, "mps2_" + name, src), 64 * 1024)
        print(f"  {what:<45} {per_second(out):>12,}", flush=True)
    path = write(tmp, "mps2_idle", IDLE)
    out = mps2_output(path, 64 * 1024)
    idle = int(re.search(r"idle=(\d+)", out).group(1))
    print(f"  {'idle program, two tasks: heap in use':<45} {idle:>12,} bytes")
    arena = smallest_arena(path, 1024, 64 * 1024)
    verdict = "within" if arena <= GOAL_IDLE_RAM else "above"
    print(f"  {'idle program, two tasks: smallest arena':<45} {arena:>12,} bytes "
          f"({verdict} the goal of {GOAL_IDLE_RAM:,})", flush=True)


def main():
    only = os.environ.get("ASYNCIO_BENCH_ONLY")
    tmp = tempfile.mkdtemp(prefix="upyos-asyncio-bench-")
    try:
        if only != "mps2":
            posix(tmp)
        if only != "posix":
            if shutil.which("qemu-system-arm") and shutil.which("arm-none-eabi-gcc"):
                if "PYBENCH_ELF" not in os.environ:
                    pb.build_mps2()
                mps2(tmp)
            else:
                print("  mps2-an385: not measured (qemu-system-arm or arm-none-eabi-gcc missing)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
