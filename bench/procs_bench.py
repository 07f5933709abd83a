#!/usr/bin/python3
"""Processes: the cost of running a command, of a background job, and of an idle job's memory,
against BusyBox sh doing the same in the same run.

  1. a script of 10,000 trivial built-ins, start to end: `export n 1` (no I/O) and `cd /` (a
     stat of the host directory each time)
  2. 1,000 background jobs (`cd / &`, a `wait` after every 10), start to end
  3. memory per idle background process (20 `sleep 100 &`): growth of the host process's
     proportional set size, and upyOS-C's own account (ps: record + the stack an MCU gives it)
"""
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time

from benchlib import BUSYBOX, UPYOS, median, report, scratch_root

RUNS = 3
IDLE_JOBS = 20


class Session:
    """The simulator on pipes: send lines, wait for text."""

    def __init__(self, root):
        self.p = subprocess.Popen([UPYOS, "--root", root], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.out = b""
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for(b"$: ")

    def _read(self):
        while True:
            chunk = os.read(self.p.stdout.fileno(), 65536)
            if not chunk:
                return
            with self.lock:
                self.out += chunk

    def mark(self):
        with self.lock:
            return len(self.out)

    def wait_for(self, text, since=0, timeout=120):
        end = time.time() + timeout
        while time.time() < end:
            with self.lock:
                if text in self.out[since:]:
                    return self.out[since:]
            time.sleep(0.001)
        raise RuntimeError(f"never printed {text!r}: {self.out[-300:]!r}")

    def send(self, line):
        self.p.stdin.write(line.encode() + b"\n")
        self.p.stdin.flush()

    def run(self, line, marker):
        since = self.mark()
        start = time.perf_counter()
        self.send(line)
        out = self.wait_for(marker, since)
        return time.perf_counter() - start, out

    def close(self):
        # exit asks for the "y" only on a terminal; on this pipe the simulator may already be
        # gone when it is written.
        try:
            self.send("exit")
            self.send("y")
        except BrokenPipeError:
            pass
        try:
            self.p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.p.kill()


def pss_kib(pid):
    with open(f"/proc/{pid}/smaps_rollup") as f:
        return int(re.search(r"^Pss:\s+(\d+)", f.read(), re.M).group(1))


def script_builtins(line):
    return (line + "\n") * 10000 + "echo bench-done\n"


def script_jobs():
    return ("cd / &\n" * 10 + "wait\n") * 100 + "echo bench-done\n"


def time_ours(root, name, text):
    with open(os.path.join(root, "opt", name), "w") as f:
        f.write(text)
    s = Session(root)
    try:
        return median([s.run(f"sh /opt/{name}", b"bench-done\n")[0] for _ in range(RUNS)])
    finally:
        s.close()


def time_busybox(text):
    if not BUSYBOX:
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as f:
        f.write(text)
    try:
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run([BUSYBOX, "sh", f.name], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=True)
            times.append(time.perf_counter() - start)
        return median(times)
    finally:
        os.unlink(f.name)


def idle_memory_ours(root):
    s = Session(root)
    try:
        time.sleep(0.2)
        before = pss_kib(s.p.pid)
        for i in range(IDLE_JOBS):
            s.run(f"sleep {100 + i} &", b"]")
        time.sleep(0.5)
        after = pss_kib(s.p.pid)
        since = s.mark()
        s.send("ps")
        s.send("echo ps-end")
        table = s.wait_for(b"ps-end\n", since)
        own = [int(m) for m in re.findall(rb"\s(\d+)\s+sleep 1\d\d &", table)]
        s.send("killall sleep")
        return (after - before) / IDLE_JOBS, median(own) if own else 0
    finally:
        s.close()


def idle_memory_busybox():
    """Each `sleep &` of busybox sh is a process: its proportional set size."""
    if not BUSYBOX:
        return None
    script = "".join(f"sleep {100 + i} &\n" for i in range(IDLE_JOBS)) + "echo $$; wait\n"
    p = subprocess.Popen([BUSYBOX, "sh", "-c", script], stdout=subprocess.PIPE)
    shell = int(p.stdout.readline())
    time.sleep(0.5)
    children = []
    for pid in os.listdir("/proc"):
        try:
            with open(f"/proc/{pid}/stat") as f:
                if int(f.read().rsplit(")", 1)[1].split()[1]) == shell:
                    children.append(int(pid))
        except (OSError, ValueError, IndexError):
            pass
    total = sum(pss_kib(c) for c in children)
    for c in children:
        os.kill(c, 9)
    p.wait()
    return total / max(1, len(children))


def main():
    tmp, root = scratch_root()
    try:
        print(f"  median of {RUNS} runs")
        for ours_line, ref_line in (("export n 1", "export n=1"), ("cd /", "cd /")):
            ours = time_ours(root, "builtins.sh", script_builtins(ours_line))
            ref = time_busybox(script_builtins(ref_line))
            report(f"10,000 x '{ours_line}' from a script", ours * 1000, "ms", "busybox sh",
                   ref and ref * 1000)
            report("  per command", ours * 1e6 / 10000, "us", "busybox sh",
                   ref and ref * 1e6 / 10000)
        ours = time_ours(root, "jobs.sh", script_jobs())
        ref = time_busybox(script_jobs())
        report("1,000 background jobs, start to end", ours * 1000, "ms", "busybox sh",
               ref and ref * 1000)
        report("  per job", ours * 1e6 / 1000, "us", "busybox sh", ref and ref * 1e6 / 1000)
        host, own = idle_memory_ours(root)
        ref = idle_memory_busybox()
        report("idle background job, host PSS", host, "KiB", "busybox sh child PSS", ref)
        report("idle background job, ps Mem (MCU)", own / 1024, "KiB")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
