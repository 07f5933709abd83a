#!/usr/bin/python3
"""The Python interpreter (py/): the six benchmark programs of issue 22, start-up of a hello
program, and the peak heap of each.

posix: build/posix/tools/pyrun against CPython (/usr/bin/python3) in the same run, each
program timed inside itself (time.perf_counter), the best of RUNS runs of each (the machine is
shared: the best run is the one least disturbed); start-up is the whole process.

mps2-an385: build/mps2/ports/mps2-an385/pyrun.elf (the interpreter alone on the board's HAL)
under QEMU with -icount shift=5 (emulated time: one instruction every 32 ns, independent of the
host), the smaller sizes the issue gives for the board, in a 128 KB arena (MicroPython's firmware
has a 143 KB heap), beside that firmware's figures (../shared/reference/python.md). The dict
program fits neither (10,000 str keys): it runs in a 928 KB arena, as MicroPython's figure was
measured with a 1 MB heap.
Set PYBENCH_RUNS=N for another count; PYBENCH_ONLY=posix or mps2 for one half; PYBENCH_ELF=path
for another build of pyrun.elf (to compare compiler options; it is not rebuilt then)."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYRUN = os.path.join(REPO, "build/posix/tools/pyrun")
CPYTHON = "/usr/bin/python3"
ELF = os.environ.get("PYBENCH_ELF", os.path.join(REPO, "build/mps2/ports/mps2-an385/pyrun.elf"))
RUNS = int(os.environ.get("PYBENCH_RUNS", "5"))
MPS2_ARENA = 128 * 1024
MPS2_DICT_ARENA = 928 * 1024

# Each program defines bench(n), times one call and prints "ms=<milliseconds>".
PRELUDE = """import time
clock = time.perf_counter
"""
FOOTER = """
t0 = clock()
r = bench(N)
print('ms=%.3f' % ((clock() - t0) * 1000), r)
"""
PROGRAMS = [
    # name, what, posix size, mps2 size, source of bench(n)
    ("loop", "loop of i += 1", 1000000, 100000, """
def bench(n):
    i = 0
    while i < n:
        i += 1
    return i
"""),
    ("fib", "recursive fib(n)", 24, 20, """
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
def bench(n):
    return fib(n)
"""),
    ("list", "sum of a list of squares", 10000, 10000, """
def bench(n):
    return sum([x * x for x in range(n)])
"""),
    ("dict", "dict inserts + lookups, str keys", 10000, 10000, """
def bench(n):
    d = {}
    for i in range(n):
        d['k' + str(i)] = i
    s = 0
    for i in range(n):
        s += d['k' + str(i)]
    return s
"""),
    ("str", "string formats and joins", 10000, 10000, """
def bench(n):
    parts = []
    total = 0
    for i in range(n):
        parts.append('n' + str(i) + '=' + '{:04d}'.format(i) + ';%s' % 'x')
        if len(parts) == 100:
            total += len(','.join(parts))
            parts = []
    return total
"""),
    ("class", "method calls on a small class", 100000, 100000, """
class Counter:
    def __init__(self):
        self.n = 0
    def add(self, k):
        self.n += k
        return self
def bench(n):
    c = Counter()
    for i in range(n):
        c.add(1)
    return c.n
"""),
]
HELLO = "print('hello')\n"
# MicroPython v1.29's firmware for mps2-an385, -icount shift=5, emulated ms (dict: with a 1 MB
# heap; MemoryError in its usual 140 KB). Its start-up is to the REPL prompt.
MICROPYTHON_MPS2 = {"loop": 730, "fib": 449, "list": 306, "dict": 24000, "str": 8154,
                    "class": 3722, "hello": 4.86}
# MicroPython's unix port against CPython 3.11 in one run (time ratio).
MICROPYTHON_POSIX = {"loop": 0.90, "fib": 2.08, "list": 0.98, "dict": 22.3, "str": 8.4,
                     "class": 1.97, "hello": 1.2 / 11.3}


def program(src, n):
    return PRELUDE + src + FOOTER.replace("N", str(n))


def write(tmp, name, text):
    path = os.path.join(tmp, name + ".py")
    with open(path, "w") as f:
        f.write(text)
    return path


def run_posix(argv, env=None):
    """(in-program ms or None, whole-process ms, peak heap bytes or None, output)."""
    t0 = time.perf_counter()
    r = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=300)
    wall = (time.perf_counter() - t0) * 1000
    if r.returncode != 0:
        raise RuntimeError(f"{argv}: status {r.returncode}: {r.stderr[-300:]}")
    m = re.search(r"ms=([\d.]+)", r.stdout)
    h = re.search(r"peak (\d+) bytes", r.stderr)
    return (float(m.group(1)) if m else None, wall, int(h.group(1)) if h else None,
            r.stdout)


def posix(tmp):
    env = dict(os.environ, PYRUN_STATS="1")
    print(f"  posix: best of {RUNS} runs each, in-program time (start-up: whole process)")
    print(f"  {'program':<40} {'CPython ms':>11} {'ours ms':>9} {'ratio':>6}  "
          f"{'MicroPython':>11}  {'peak heap':>9}")
    status = 0
    for name, what, n, _, src in PROGRAMS + [("hello", "start-up of a hello program", 0, 0, None)]:
        path = write(tmp, "posix_" + name, HELLO if src is None else program(src, n))
        ours, ref, peak = [], [], None
        for _ in range(RUNS):
            ms, wall, peak, out = run_posix([PYRUN, path], env)
            ref_ms, ref_wall, _, ref_out = run_posix([CPYTHON, path])
            if out.split()[1:] != ref_out.split()[1:]:
                print(f"  {name}: results differ: {out!r} against {ref_out!r}")
                status = 1
            ours.append(wall if src is None else ms)
            ref.append(ref_wall if src is None else ref_ms)
        label = f"{what} ({n:,})" if n else what
        if name == "fib":
            label = f"{what[:-3]}({n})"
        best, best_ref = min(ours), min(ref)
        print(f"  {label:<40} {best_ref:11.2f} {best:9.2f} {best / best_ref:6.2f}  "
              f"{MICROPYTHON_POSIX[name]:10.2f}x  {peak:9d}", flush=True)
    return status


def run_mps2(path, arena=MPS2_ARENA):
    """One run of path on pyrun.elf under -icount: (in-program ms, whole-run ms, peak heap,
    C stack used)."""
    argv = ["qemu-system-arm", "-M", "mps2-an385", "-nographic", "-monitor", "none",
            "-serial", "stdio", "-semihosting-config", "enable=on,target=native",
            "-icount", "shift=5,align=off,sleep=off", "-kernel", ELF,
            "-append", f"py={path} heap={arena}"]
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       timeout=600)
    m = re.search(r"ms=([\d.]+)", r.stdout)
    s = re.search(r"pyrun: status (\d+) run (\d+) us heap (\d+) peak .* stack (\d+) used",
                  r.stdout)
    if r.returncode != 0 or not s:
        raise RuntimeError(f"pyrun.elf {path}: status {r.returncode}: {r.stdout[-400:]}")
    return (float(m.group(1)) if m else None, int(s.group(2)) / 1000, int(s.group(3)),
            int(s.group(4)))


def mps2(tmp):
    print(f"\n  mps2-an385 under QEMU, -icount shift=5 (emulated ms; repeatable, so one run "
          f"each), {MPS2_ARENA // 1024} KB arena")
    print(f"  {'program':<40} {'ours ms':>9} {'MicroPython':>11} {'ratio':>6}  {'peak heap':>9}"
          f"  {'C stack':>7}")
    status = 0
    for name, what, _, n, src in PROGRAMS + [("hello", "start-up of a hello program", 0, 0, None)]:
        path = write(tmp, "mps2_" + name, HELLO if src is None else program(src, n))
        ms, whole, peak, stack = run_mps2(path, MPS2_DICT_ARENA if name == "dict" else MPS2_ARENA)
        ours = whole if src is None else ms
        ref = MICROPYTHON_MPS2[name]
        label = f"{what} ({n:,})" if n else what + " (whole run)"
        if name == "fib":
            label = f"{what[:-3]}({n})"
        refs = f"{ref:11.2f} {ours / ref:6.2f}"
        print(f"  {label:<40} {ours:9.2f} {refs}  {peak:9d}  {stack:7d}", flush=True)
        if src is not None and ref and ours > ref / 2:
            print(f"  {name}: above the goal (half of MicroPython's {ref} ms)")
    return status


def build_mps2():
    subprocess.run(["cmake", "-S", REPO, "-B", os.path.join(REPO, "build/mps2"), "-G", "Ninja",
                    "-DPORT=mps2-an385"], check=True, capture_output=True)
    subprocess.run(["ninja", "-C", os.path.join(REPO, "build/mps2"), "--quiet", "pyrun"],
                   check=True, capture_output=True)


def main():
    only = os.environ.get("PYBENCH_ONLY")
    tmp = tempfile.mkdtemp(prefix="upyos-pybench-")
    status = 0
    try:
        if only != "mps2":
            status |= posix(tmp)
        if only != "posix":
            if shutil.which("qemu-system-arm") and shutil.which("arm-none-eabi-gcc"):
                if "PYBENCH_ELF" not in os.environ:
                    build_mps2()
                status |= mps2(tmp)
            else:
                print("  mps2-an385: not measured (qemu-system-arm or arm-none-eabi-gcc missing)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
