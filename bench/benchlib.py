"""Shared helpers for the benchmarks: the simulator binary, a scratch root, medians."""
import os
import shutil
import statistics
import subprocess
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
UPYOS = os.environ.get("UPYOS_BIN", os.path.join(REPO, "build/posix/ports/posix/upyos"))
MKFS = os.path.join(REPO, "build/posix/tools/mkfs")
BUSYBOX = shutil.which("busybox")


def scratch_root():
    """A fresh copy of rootfs/ in a temporary directory (removed at exit by the caller)."""
    d = tempfile.mkdtemp(prefix="upyos-bench-")
    shutil.copytree(os.path.join(REPO, "rootfs"), os.path.join(d, "root"))
    return d, os.path.join(d, "root")


def scratch_image(tmp, root):
    """A 2 MB flash image of root, made as `make run` makes build/posix/flash.img."""
    image = os.path.join(tmp, "flash.img")
    subprocess.run([MKFS, "-s", "2M", image, root], check=True, capture_output=True)
    return image


def median(values):
    return statistics.median(values)


def peak_rss_kib(pid):
    """VmHWM of a running process. (ru_maxrss from wait4 is no use here: Linux keeps the
    forking Python's high-water mark across exec.)"""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def time_until(argv, marker, stdin_text, env=None):
    """Starts argv, waits for marker on stdout/stderr, then feeds stdin_text. Returns
    (seconds until the marker, peak RSS in KiB when it appeared)."""
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, env=env)
    seen = b""
    elapsed = None
    while True:
        chunk = os.read(p.stdout.fileno(), 4096)
        if not chunk:
            break
        seen += chunk
        if elapsed is None and marker in seen:
            elapsed = time.perf_counter() - start
            rss = peak_rss_kib(p.pid)
            p.stdin.write(stdin_text)
            p.stdin.close()
    p.wait()
    if elapsed is None:
        raise RuntimeError(f"{argv[0]}: never printed {marker!r}: {seen[-300:]!r}")
    return elapsed, rss


def report(name, value, unit, ref_name=None, ref_value=None):
    line = f"  {name:<38} {value:12.3f} {unit}"
    if ref_value:
        line += f"   {ref_name}: {ref_value:.3f} {unit}   ratio {value / ref_value:.2f}"
    elif ref_name:
        line += f"   {ref_name}: not measured"
    print(line, flush=True)
