"""Helpers for the process and module tests: ps parsing, draining background output, and the
program modules the build made (sdk/examples and tests/e2e/modules)."""
import os
import re
import shutil
import time

import pexpect

from conftest import BIN, PROMPT, SLOW

# build/<dir>/ports/posix/upyos -> build/<dir>/modules
MODULES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(BIN))), "modules")
PS_ROW = re.compile(r"^\s*(\d+)\s+([RHS])\s+(\d\d:\d\d:\d\d)\s+(\d+)d (\d\d:\d\d:\d\d)\s+(\d+)"
                    r"\s+(\d+)   (.*)$")


def module_file(name):
    path = os.path.join(MODULES, name)
    assert os.path.exists(path), f"{path}: not built (the build makes every module)"
    return path


def install(root, name, folder="opt", as_name=None):
    """Copies a built module into the simulator's root (host side), returns its path there."""
    os.makedirs(os.path.join(root, folder), exist_ok=True)
    target = os.path.join(root, folder, as_name or name)
    shutil.copy(module_file(name), target)
    return "/" + folder + "/" + (as_name or name)


def ps(c):
    """The rows of ps -m (ps with the memory column) as dicts."""
    rows = []
    for line in c.run("ps -m").splitlines()[1:]:
        m = PS_ROW.match(line)
        assert m, f"ps row does not parse: {line!r}"
        rows.append({"pid": int(m.group(1)), "status": m.group(2), "start": m.group(3),
                     "days": int(m.group(4)), "elapsed": m.group(5), "thread": int(m.group(6)),
                     "mem": int(m.group(7)), "cmd": m.group(8)})
    return rows


def pids_of(c, text):
    return [r["pid"] for r in ps(c) if text in r["cmd"]]


def until(check, timeout=5):
    """Polls check() until it is true (returns its value) or timeout seconds pass (None)."""
    end = time.time() + timeout * SLOW
    while time.time() < end:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    return None


def drain(c, seconds):
    """Everything the console prints during the next `seconds`."""
    text = ""
    end = time.time() + seconds
    while time.time() < end:
        try:
            text += c.child.read_nonblocking(4096, timeout=max(0.01, end - time.time()))
        except pexpect.TIMEOUT:
            pass
    return text


def start_background(c, line):
    """Types `line &`, returns the job's pid from the [pid] line."""
    c.send(line + " &\r")
    c.expect(r"\[(\d+)\](?!\+)")              # not another job's "[pid]+ Done"
    pid = int(c.child.match.group(1))
    c.wait_prompt()
    return pid


def start_background_saying(c, line, marker):
    """Types `line &` for a job that prints marker as soon as it starts: marker may come before
    or after the prompt, so both are waited for in either order. Returns the job's pid."""
    c.send(line + " &\r")
    c.expect(r"\[(\d+)\](?!\+)")
    pid = int(c.child.match.group(1))
    seen = set()
    while len(seen) < 2:
        seen.add(c.child.expect([re.escape(marker), PROMPT], timeout=10 * SLOW))
    return pid


def end_jobs(c, command, pids):
    """Types command (a kill, killall, ...) and waits until every job in pids has printed its
    "[pid]+ Done" line, which comes at any moment, even inside the echo of the next line typed;
    then waits for a quiet prompt."""
    c.send(command + "\r")
    left = set(pids)
    while left:
        c.expect(r"\[(\d+)\]\+ Done")
        left.discard(int(c.child.match.group(1)))
    return c.run("echo synced")
