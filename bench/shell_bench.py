#!/usr/bin/python3
"""The script interpreter against BusyBox ash, in the same run:
  loop   a 10,000-iteration counter loop: upyOS `:cont / incr a / if $a < N goto cont`,
         ash `while [ $a -lt N ]; do a=$((a+1)); done`
  echo   a script of 10,000 `echo` lines, output read through a pipe
  cd     a script of 10,000 `cd /` lines
  export a script of 10,000 `export` lines (upyOS `export a N`, ash `export a=N`)
upyOS-C boots once and runs each script with `sh FILE` at its prompt (stdin and stdout are
pipes); the time is from sending the line until the script's last output arrives. ash runs the
same scripts as `busybox sh FILE` with stdout to a pipe. Median of several runs."""
import os
import shutil
import subprocess
import sys
import time

from benchlib import BUSYBOX, UPYOS, median, report, scratch_root

N = 10000
RUNS = 7

SCRIPTS = {
    "loop": (f"export a 0\n:cont\nincr a\nif $a < {N} goto cont\necho done $a\n",
             f"a=0\nwhile [ $a -lt {N} ]; do a=$((a+1)); done\necho done $a\n",
             f"done {N}\n".encode()),
    "echo": ("".join(f"echo line {i} of the echo benchmark\n" for i in range(N)),
             "".join(f"echo line {i} of the echo benchmark\n" for i in range(N)),
             f"line {N - 1} of the echo benchmark\n".encode()),
    "cd": ("cd /\n" * N + "echo done cd\n", "cd /\n" * N + "echo done cd\n", b"done cd\n"),
    "export": ("".join(f"export a {i}\n" for i in range(N)) + "echo done $a\n",
               "".join(f"export a={i}\n" for i in range(N)) + "echo done $a\n",
               f"done {N - 1}\n".encode()),
}


def read_until(fd, marker, seen=b"", limit=60):
    deadline = time.monotonic() + limit
    while marker not in seen:
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {marker!r}: {seen[-200:]!r}")
        chunk = os.read(fd, 65536)
        if not chunk:
            raise RuntimeError(f"output ended before {marker!r}: {seen[-200:]!r}")
        seen += chunk
    return seen


def time_upyos(root, name, marker):
    p = subprocess.Popen([UPYOS, "--root", root], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    try:
        fd = p.stdout.fileno()
        read_until(fd, b"$: ")
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            p.stdin.write(f"sh /opt/{name}.sh\n".encode())
            p.stdin.flush()
            seen = read_until(fd, marker)
            times.append(time.perf_counter() - start)
            read_until(fd, b"$: ", seen.split(marker, 1)[1])
        p.stdin.write(b"exit\ny\n")
        p.stdin.flush()
        p.wait(timeout=10)
        return median(times)
    finally:
        if p.poll() is None:
            p.kill()


def time_ash(path, marker):
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        out = subprocess.run([BUSYBOX, "sh", path], stdout=subprocess.PIPE, check=True).stdout
        times.append(time.perf_counter() - start)
        if marker not in out:
            raise RuntimeError(f"ash did not print {marker!r}")
    return median(times)


def main():
    tmp, root = scratch_root()
    try:
        for name, (ours, ash, marker) in SCRIPTS.items():
            with open(os.path.join(root, "opt", f"{name}.sh"), "w") as f:
                f.write(ours)
            with open(os.path.join(tmp, f"{name}.ash"), "w") as f:
                f.write(ash)
        print(f"  median of {RUNS} runs, {N} iterations / lines each")
        for name, (_, _, marker) in SCRIPTS.items():
            t = time_upyos(root, name, marker) * 1000
            ref = time_ash(os.path.join(tmp, f"{name}.ash"), marker) * 1000 if BUSYBOX else None
            label = {"loop": "incr/if/goto loop", "echo": "script of echo lines",
                     "cd": "script of `cd /` lines", "export": "script of export lines"}[name]
            report(f"{label} ({N})", t, "ms", "busybox ash", ref)
    finally:
        shutil.rmtree(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
