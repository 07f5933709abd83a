"""Benchmark of the file commands against BusyBox's applets, run in the same invocation on the
same host files: cp, `cat > file`, grep (a plain string and an extended regular expression)
of a 10 MB file, and ls of 1,000 files.

Each figure is the best of a few runs of the command typed at the upyOS-C console (time from
sending the line to the next prompt, less the round trip of an empty `echo`) and of the BusyBox
applet run as a process (including its start-up, as a shell would). Prints figures and ratios (upyOS-C time / BusyBox time).

    /usr/bin/python3 bench/cmds_bench.py
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "e2e"))
from conftest import Console, REPO  # noqa: E402

RUNS = 3
BIG = 10 * 1024 * 1024
BUSYBOX = shutil.which("busybox")


def make_files(root):
    line = "0123456789abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789\n"
    with open(os.path.join(root, "big.txt"), "w") as f:
        n = 0
        while f.tell() < BIG:
            f.write(f"needle {n}\n" if n % 1000 == 0 else line)
            n += 1
    many = os.path.join(root, "many")
    os.mkdir(many)
    for i in range(1000):
        with open(os.path.join(many, f"f{i:04d}.txt"), "w") as f:
            f.write("x" * (i % 7))


def best(fn):
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def check_same_work(ours, theirs, case):
    """A figure counts only if both sides produced as many lines."""
    if not (os.path.exists(ours) and os.path.exists(theirs)):
        return
    n_ours, n_theirs = (sum(1 for _ in open(p, "rb")) for p in (ours, theirs))
    if abs(n_ours - n_theirs) > 1:          # ls -l: BusyBox prints a "total" line
        sys.exit(f"{case}: upyOS-C wrote {n_ours} lines, BusyBox {n_theirs}: not the same work")
    os.remove(ours)
    os.remove(theirs)


def main():
    if not BUSYBOX:
        sys.exit("busybox is not installed (tools/deps.sh installs it)")
    work = tempfile.mkdtemp(prefix="upyos-bench-")
    root = os.path.join(work, "root")
    shutil.copytree(os.path.join(REPO, "rootfs"), root)
    make_files(root)
    c = Console(root)
    c.child.delaybeforesend = None      # pexpect's default 50 ms pause would dominate
    c.wait_prompt()
    overhead = best(lambda: c.run("echo"))   # one console round trip, taken off each figure
    h = lambda p: os.path.join(root, p.lstrip("/"))   # noqa: E731
    cases = [
        ("cp 10 MB", lambda: c.run("cp /big.txt /copy.txt", timeout=120),
         ["cp", h("/big.txt"), h("/copy.txt")], None),
        ("cat 10 MB > file", lambda: c.run("cat /big.txt > /cat.txt", timeout=120),
         ["cat", h("/big.txt")], h("/cat.txt")),
        # Both sides write every matching line, and every row of ls -l, to a file: the same
        # work (a variable as the target would keep only what fits in it).
        ("grep 10 MB", lambda: c.run("grep needle /big.txt > /hits.txt", timeout=120),
         ["grep", "needle", h("/big.txt")], h("/bb-hits.txt")),
        ("grep -E 10 MB", lambda: c.run("grep -E 'ne+dle|x[0-9]{3}y' /big.txt > /hits.txt",
                                        timeout=300),
         ["grep", "-E", "ne+dle|x[0-9]{3}y", h("/big.txt")], h("/bb-hits.txt")),
        ("ls -l 1,000 files", lambda: c.run("ls -l /many > /list.txt", timeout=120),
         ["ls", "-l", h("/many")], h("/bb-list.txt")),
    ]
    same_lines = [("/hits.txt", "/bb-hits.txt"), ("/list.txt", "/bb-list.txt")]
    print(f"{'case':<18} {'upyOS-C':>10} {'BusyBox':>10} {'ratio':>7}")
    for name, ours, argv, out in cases:
        t_ours = max(best(ours) - overhead, 1e-6)

        def theirs():
            if out:
                with open(out, "wb") as f:
                    subprocess.run([BUSYBOX, *argv], stdout=f, check=True)
            else:
                subprocess.run([BUSYBOX, *argv], check=True)
        t_bb = best(theirs)
        print(f"{name:<18} {t_ours * 1000:>8.1f}ms {t_bb * 1000:>8.1f}ms {t_ours / t_bb:>6.2f}x")
        for ours_file, theirs_file in same_lines:
            check_same_work(h(ours_file), h(theirs_file), name)
    print(f"(console round trip of {overhead * 1000:.1f} ms subtracted from the upyOS-C figures)")
    c.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
